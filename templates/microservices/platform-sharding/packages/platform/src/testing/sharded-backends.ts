import { randomUUID } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';

import type { DatabaseOptions } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import type { ShardRouter } from '../sharding/router.js';
import { openShardedDatabase, type ShardedDatabase } from '../sharding/sharded-database.js';
import { silentLogger } from './backends.js';
import type {} from './provided-context.js';

/** What a sharded service's suite uses; valid inside tests and hooks, once the suite has started. */
export interface ShardedTestContext {
  readonly app: FastifyInstance;
  readonly db: ShardedDatabase<string>;
}

export interface ShardedServiceUnderTest {
  /** Where the service's records live: the suite opens a database for each of its shards. */
  router: ShardRouter<string>;
  /** The folders of the service's migrations, applied to every shard in this order. */
  migrations: readonly URL[];
  buildApp(db: ShardedDatabase<string>): Promise<FastifyInstance>;
}

/**
 * describeEachBackend for a service whose records are split over shards: "[embedded]" on an
 * in-memory PGlite per shard, and "[postgres]" on a new database per shard on the real PostgreSQL
 * found by global-setup.ts (skipped when there is none), dropped after the suite.
 */
export function describeEachShardedBackend(title: string, service: ShardedServiceUnderTest, define: (ctx: ShardedTestContext) => void): void {
  describe(`${title} [embedded]`, () => {
    const inMemory = Object.fromEntries(service.router.shards.map((shard) => [shard, { pgliteDataDir: 'memory://' }]));
    define(suiteContext(service, () => openShardedDatabase(service.router, inMemory, silentLogger)));
  });

  const postgresUrl = inject('postgresUrl');
  describe.skipIf(postgresUrl === null)(`${title} [postgres]`, () => {
    define(suiteContext(service, () => openOnNewDatabases(service.router, postgresUrl ?? '')));
  });
}

/** Opens the shards and builds the app before the suite's tests, and closes both after them. */
function suiteContext(service: ShardedServiceUnderTest, open: () => Promise<ShardedDatabase<string>>): ShardedTestContext {
  let started: ShardedTestContext | undefined;
  beforeAll(async () => {
    const db = await open();
    for (const shard of db.shards.values()) for (const folder of service.migrations) await migrate(shard, folder);
    started = { db, app: await service.buildApp(db) };
  });
  afterAll(async () => {
    await started?.app.close();
    await started?.db.close();
  });
  const get = (): ShardedTestContext => {
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
 * A new database per shard on the server, as in production (a schema per shard would share one
 * database), dropped again on close.
 */
async function openOnNewDatabases(router: ShardRouter<string>, baseUrl: string): Promise<ShardedDatabase<string>> {
  const run = `test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const databases = new Map(router.shards.map((shard) => [shard, `${run}_${shard.replaceAll('-', '_')}`]));
  await admin(baseUrl, async (client) => {
    for (const database of databases.values()) await client.query(`CREATE DATABASE "${database}"`);
  });
  const drop = () =>
    admin(baseUrl, async (client) => {
      for (const database of databases.values()) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    });
  const options: Record<string, DatabaseOptions> = {};
  for (const [shard, database] of databases) {
    const url = new URL(baseUrl);
    url.pathname = `/${database}`;
    options[shard] = { url: url.toString() };
  }
  try {
    const db = await openShardedDatabase(router, options, silentLogger);
    return {
      ...db,
      async close() {
        await db.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

async function admin(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
