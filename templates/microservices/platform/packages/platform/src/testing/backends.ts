import { randomUUID } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, inject } from 'vitest';

import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import type {} from './provided-context.js';

/** What a suite's tests use; valid inside tests and hooks, once the suite has started. */
export interface TestContext {
  readonly app: FastifyInstance;
  readonly db: Database;
}

export const silentLogger = createLogger('silent');

export interface ServiceUnderTest {
  /** The folders of the service's migrations, applied in this order. */
  migrations: readonly URL[];
  buildApp(db: Database): Promise<FastifyInstance>;
}

/**
 * Defines the suite once per database backend: "[embedded]" (in-memory PGlite, always) and
 * "[postgres]" (the real PostgreSQL found by global-setup.ts, skipped when there is none).
 * Each runs on its own empty, migrated database and its own app.
 */
export function describeEachBackend(title: string, service: ServiceUnderTest, define: (ctx: TestContext) => void): void {
  describe(`${title} [embedded]`, () => {
    define(suiteContext(service, () => openDatabase({ pgliteDataDir: 'memory://' }, silentLogger)));
  });

  const postgresUrl = inject('postgresUrl');
  describe.skipIf(postgresUrl === null)(`${title} [postgres]`, () => {
    define(suiteContext(service, async () => (await openPrivateSchema(postgresUrl ?? '')).db));
  });
}

/** Opens the database and builds the app before the suite's tests, and closes both after them. */
function suiteContext(service: ServiceUnderTest, open: () => Promise<Database>): TestContext {
  let started: TestContext | undefined;
  beforeAll(async () => {
    const db = await open();
    for (const folder of service.migrations) await migrate(db, folder);
    started = { db, app: await service.buildApp(db) };
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
 * and drops it on close: runs never see each other's tables or rows. `url` opens more
 * connections to the same schema.
 */
export async function openPrivateSchema(baseUrl: string): Promise<{ db: Database; url: string }> {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ url: url.toString() }, silentLogger);
  await db.query(`CREATE SCHEMA ${schema}`);
  return {
    url: url.toString(),
    db: {
      ...db,
      async close() {
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    },
  };
}
