import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** One process of the system under test: a workspace's src/main.ts, with its environment. */
export interface ProcessSpec {
  name: string;
  workspace: string;
  /** Relative to the workspace; src/main.ts (run from source, as `npm run dev` does) unless said otherwise. */
  entry?: string;
  /** Node's options; by default those that run TypeScript sources (tsx, the "source" export condition). */
  nodeOptions?: string[];
  /** A program other than Node (nginx), run as given in the workspace instead of the entry. */
  command?: { file: string; args: string[] };
  port: number;
  env: Record<string, string>;
}

/** A started process: its output so far (JSON log lines), and how to stop or restart it. */
export class RunningProcess {
  #child: ChildProcess | undefined;
  readonly logs: string[] = [];

  constructor(readonly spec: ProcessSpec) {}

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  /** The operating system's id of the process, once started (the bench reads its CPU time by it). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the process and resolves when it answers /health/live. */
  async start(): Promise<void> {
    const nodeOptions = this.spec.nodeOptions ?? ['--conditions=source', '--import', 'tsx'];
    const { file, args } = this.spec.command ?? { file: process.execPath, args: [...nodeOptions, this.spec.entry ?? 'src/main.ts'] };
    const child = spawn(file, args, {
      cwd: this.spec.workspace,
      env: { ...process.env, ...this.spec.env, PORT: String(this.spec.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => this.logs.push(...chunk.split('\n').filter(Boolean)));
    }
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code) => reject(new Error(`${this.spec.name} exited (${code}) while starting:\n${this.logs.join('\n')}`)));
    });
    await Promise.race([waitUntilLive(this.url), exited]);
  }

  /** SIGKILL: the process dies without a goodbye, as in a crash. */
  async kill(): Promise<void> {
    await this.#signal('SIGKILL');
  }

  /** SIGTERM: the graceful shutdown. */
  async stop(): Promise<void> {
    await this.#signal('SIGTERM');
  }

  /** The `msg` of its JSON log lines that match (other output, such as nginx's, is skipped). */
  messages(pattern: RegExp): string[] {
    return this.logs
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '')
      .filter((msg) => pattern.test(msg));
  }

  async #signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

async function waitUntilLive(url: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** Resolves once something accepts TCP connections on the port: a server that speaks no HTTP (a database). */
export async function untilListening(port: number, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

/** Ports the OS says are free now (ephemeral ones, so never 5432 or another infrastructure port). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
    }),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
