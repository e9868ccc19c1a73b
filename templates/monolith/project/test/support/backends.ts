import { randomUUID } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, inject } from 'vitest';

import { buildApp } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';

/** What a suite's tests use; valid inside tests and hooks, once the suite has started. */
export interface TestContext {
  readonly app: FastifyInstance;
  readonly db: Database;
}

export const silentLogger = createLogger('silent');

/**
 * Defines the suite once per database backend: "[embedded]" (in-memory PGlite, always) and
 * "[postgres]" (the real PostgreSQL found by global-setup.ts, skipped when there is none).
 * Each runs on its own empty, migrated database and its own app.
 */
export function describeEachBackend(title: string, define: (ctx: TestContext) => void): void {
  describe(`${title} [embedded]`, () => {
    define(suiteContext(() => openDatabase({ pgliteDataDir: 'memory://' }, silentLogger)));
  });

  const postgresUrl = inject('postgresUrl');
  describe.skipIf(postgresUrl === null)(`${title} [postgres]`, () => {
    define(suiteContext(() => openPrivateSchema(postgresUrl ?? '')));
  });
}

/** Opens the database and builds the app before the suite's tests, and closes both after them. */
function suiteContext(open: () => Promise<Database>): TestContext {
  let started: TestContext | undefined;
  beforeAll(async () => {
    const db = await open();
    await migrate(db);
    started = { db, app: await buildApp({ db, logger: silentLogger }) };
  });
  afterAll(async () => {
    await started?.app.close();
    await started?.db.close();
  });
  const get = (): TestContext => {
    if (started === undefined) throw new Error('the test context is available only inside tests and hooks');
    return started;
  };
  return {
    get app() {
      return get().app;
    },
    get db() {
      return get().db;
    },
  };
}

/**
 * Suites share the real PostgreSQL, so each gets a schema of its own, first on its search_path,
 * and drops it on close: runs never see each other's tables or rows.
 */
async function openPrivateSchema(baseUrl: string): Promise<Database> {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ url: url.toString() }, silentLogger);
  await db.query(`CREATE SCHEMA ${schema}`);
  return {
    ...db,
    async close() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
