import { spawn, type ChildProcess } from 'node:child_process';

import { untilListening } from './processes.js';

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
    await Promise.race([untilListening(this.port, 'pglite-server'), exited]);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
