import { Writable } from 'node:stream';

import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, inject, vi } from 'vitest';

import { openDatabase, type Database } from '../../../src/db/database.js';
import { migrate } from '../../../src/db/migrate.js';
import type { EventBus } from '../../../src/messaging/bus.js';
import { MESSAGING_MIGRATIONS } from '../../../src/messaging/migrations.js';
import { openPrivateSchema, silentLogger } from '../../../src/testing/backends.js';
import type {} from '../../../src/testing/provided-context.js';

// Generous, for a loaded CI machine; a passing test takes a fraction of it.
const TEST_TIMEOUT_MS = 30_000;

/** Resolves once `check` passes (it is retried every 10 ms), or fails after 10 s with its last error. */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 10_000, interval: 10 });
}

export interface DatabaseUnderTest {
  readonly db: Database;
  /**
   * Another pool on the same tables, as a second instance of the service has. On the embedded
   * database, which takes a single connection, the same pool.
   */
  connectAgain(): Promise<Database>;
}

/**
 * Defines the suite on the embedded PostgreSQL and, when global-setup found one, on the real
 * PostgreSQL (in a schema of its own, dropped afterwards), each migrated with the messaging tables
 * plus `setupSql`. Every table is emptied before each test.
 */
export function describeEachDatabase(title: string, setupSql: string, define: (ctx: DatabaseUnderTest) => void): void {
  describe(`${title} [embedded]`, { timeout: TEST_TIMEOUT_MS }, () => {
    define(suite(setupSql, async () => {
      const db = await openDatabase({ pgliteDataDir: 'memory://' }, silentLogger);
      return { db, connectAgain: async () => ({ ...db, close: async () => {} }) };
    }));
  });

  const postgresUrl = inject('postgresUrl');
  describe.skipIf(postgresUrl === null)(`${title} [postgres]`, { timeout: TEST_TIMEOUT_MS }, () => {
    define(suite(setupSql, () => openSharedSchema(postgresUrl ?? '')));
  });
}

function suite(setupSql: string, open: () => Promise<DatabaseUnderTest>): DatabaseUnderTest {
  let opened: DatabaseUnderTest | undefined;
  beforeAll(async () => {
    opened = await open();
    await migrate(opened.db, MESSAGING_MIGRATIONS);
    await opened.db.query(setupSql);
  });
  beforeEach(async () => {
    const { rows } = await get().db.query<{ name: string }>(
      'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> $1',
      ['schema_migrations'],
    );
    await get().db.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')}`);
  });
  afterAll(async () => {
    await opened?.db.close();
  });
  const get = (): DatabaseUnderTest => {
    if (opened === undefined) throw new Error('the database is available only inside tests and hooks');
    return opened;
  };
  return {
    get db() {
      return get().db;
    },
    connectAgain: () => get().connectAgain(),
  };
}

/** A schema of its own on the server, and more pools on it, as a second instance of a service has. */
async function openSharedSchema(baseUrl: string): Promise<DatabaseUnderTest> {
  const { db, url } = await openPrivateSchema(baseUrl);
  return { db, connectAgain: () => openDatabase({ url }, silentLogger) };
}

/** A bus whose broker can be taken down: while `down`, publish rejects as with an unreachable broker. */
export function switchableBus(inner: EventBus): EventBus & { down: boolean; readonly rejectedPublishes: number } {
  let rejectedPublishes = 0;
  return {
    ...forwarding(inner),
    down: false,
    get rejectedPublishes() {
      return rejectedPublishes;
    },
    async publish(events) {
      if (this.down) {
        rejectedPublishes++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:5672');
      }
      await inner.publish(events);
    },
  };
}

/** A bus that delivers every event twice, as a broker may (a lost acknowledgement, a republished batch). */
export function duplicatingBus(inner: EventBus): EventBus {
  return {
    ...forwarding(inner),
    async publish(events) {
      await inner.publish(events);
      await inner.publish(events);
    },
  };
}

function forwarding(inner: EventBus): EventBus {
  return {
    kind: inner.kind,
    publish: (events) => inner.publish(events),
    subscribe: (group, types, handler, options) => inner.subscribe(group, types, handler, options),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}

/** A logger whose lines the test can read. */
export function capturingLogger(): { logger: Logger; lines: () => Array<{ level: number; msg: string }> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, destination),
    lines: () => lines.map((line) => JSON.parse(line) as { level: number; msg: string }),
  };
}
