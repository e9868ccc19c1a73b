import { randomUUID } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';

import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { silentLogger } from './backends.js';
import type {} from './provided-context.js';

export type Backend = 'embedded' | 'postgres';

/** What a suite's tests use; valid inside tests and hooks, once the suite has started. */
export interface DatabaseContext {
  readonly db: Database;
}

/**
 * Like describeEachBackend, for library code without an app: the suite runs once on an in-memory
 * PGlite and once on the real PostgreSQL (skipped when there is none), each time on an empty
 * database migrated with `migrations`. On the server each suite gets a database of its own rather
 * than a schema: code under test that uses fixed schemas (read_model) or database-wide advisory
 * locks must not meet other suites' runs.
 */
export function describeEachDatabase(
  title: string,
  migrations: readonly URL[],
  define: (ctx: DatabaseContext, backend: Backend) => void,
): void {
  describe(`${title} [embedded]`, () => {
    define(suiteDatabase(migrations, () => openDatabase({ pgliteDataDir: 'memory://' }, silentLogger)), 'embedded');
  });

  const postgresUrl = inject('postgresUrl');
  describe.skipIf(postgresUrl === null)(`${title} [postgres]`, () => {
    define(suiteDatabase(migrations, () => openPrivateDatabase(postgresUrl ?? '')), 'postgres');
  });
}

function suiteDatabase(migrations: readonly URL[], open: () => Promise<Database>): DatabaseContext {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await open();
    for (const dir of migrations) await migrate(db, dir);
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      if (db === undefined) throw new Error('the database is available only inside tests and hooks');
      return db;
    },
  };
}

/** A new database on the server named by `baseUrl`, dropped on close. */
export async function openPrivateDatabase(baseUrl: string): Promise<Database> {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  await onServer(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() }, silentLogger);
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
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
