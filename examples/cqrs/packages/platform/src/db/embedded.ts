import { mkdir } from 'node:fs/promises';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL for `pg`. */
  url: string;
  stop(): Promise<void>;
}

const IN_MEMORY = 'memory://';

/**
 * Starts PostgreSQL in-process (PGlite, PostgreSQL compiled to WebAssembly) and serves it over
 * the PostgreSQL wire protocol on loopback, on a port the OS picks, so the app needs no server
 * and never collides with one that is already running.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  if (dataDir !== IN_MEMORY) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
