import { afterAll, beforeAll, describe, inject } from 'vitest';

import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { silentLogger } from './backends.js';
import { openPrivateDatabase } from './private-database.js';
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
