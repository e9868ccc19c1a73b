import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/**
 * One embedded PostgreSQL (PGlite) served over the wire protocol to several processes: the
 * instances of a service that runs replicated, on a machine without PostgreSQL. Each instance
 * alone would start a database of its own, and instances of one service must share theirs.
 * pglite-server (from @electric-sql/pglite-socket) multiplexes the connections, keeping a
 * transaction's statements together.
 */
export class SharedEmbeddedDatabase {
  #child: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const child = spawn('node_modules/.bin/pglite-server', ['--db=memory://', `--port=${this.port}`, '--max-connections=32'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.#child = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`pglite-server exited (${code})`))));
    await Promise.race([acceptsConnections(this.port), exited]);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function acceptsConnections(port: number, timeoutMs = 30_000): Promise<void> {
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
  throw new Error(`pglite-server did not listen on ${port} within ${timeoutMs} ms`);
}
