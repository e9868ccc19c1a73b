import { randomBytes } from 'node:crypto';

import pg from 'pg';
import type { Logger } from 'pino';

import { openDatabase, type Database } from '../db/database.js';
import { silentLogger } from './backends.js';

/**
 * A new database on the server `baseUrl` names, dropped when it is closed: for a test suite or a
 * bench that must neither see nor leave anything there (code with fixed schema names such as
 * read_model, or database-wide advisory locks, cannot share a database with another run).
 */
export async function openPrivateDatabase(baseUrl: string, logger: Logger = silentLogger): Promise<Database> {
  const name = `test_${randomBytes(8).toString('hex')}`;
  await onServer(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() }, logger);
  return {
    ...db,
    async close() {
      // Dropped first: FORCE ends its connections, even one a failed test left in a transaction,
      // which would otherwise keep the pool (and this close) waiting forever.
      await onServer(baseUrl, `DROP DATABASE ${name} WITH (FORCE)`);
      await db.close();
    },
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
