// What messaging costs end to end: events appended by committed transactions, published by the
// outbox relay, and applied by an idempotent consumer; throughput, latency from a commit to the
// handler, and whether every event was applied exactly once. Run in packages/platform:
//   node --import tsx bench/outbox.ts        (BENCH_EVENTS, default 5000; BENCH_WRITERS, default 8)
// It measures the in-process bus on the embedded PostgreSQL; `npm run bench` at the root
// (bench/messaging.ts) measures every broker, on a PostgreSQL server when there is one.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';

import pg from 'pg';
import { Registry } from 'prom-client';

import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import type { EventBus } from '../src/messaging/bus.js';
import { consume, DEFAULT_CONSUMER_SETTINGS } from '../src/messaging/consumer.js';
import { newEvent } from '../src/messaging/envelope.js';
import { createInProcessBus } from '../src/messaging/in-process.js';
import { MESSAGING_MIGRATIONS } from '../src/messaging/migrations.js';
import { appendToOutbox, DEFAULT_OUTBOX_RELAY_SETTINGS, startOutboxRelay } from '../src/messaging/outbox.js';

export interface OutboxBenchOptions {
  /** Measured events, after a warm-up of a tenth as many. */
  events: number;
  /** Concurrent writers, committing transactions as request handlers do. */
  writers: number;
  /**
   * Events each writer commits per transaction: 1, as most requests do, measures what the
   * database can commit; more measure what the relay, the broker and the consumer can carry.
   */
  eventsPerTransaction: number;
  /** A PostgreSQL server, on which the bench creates a database of its own and drops it; without one, the embedded PostgreSQL. */
  postgresUrl?: string;
  /** The consumer group; a broker names its queue or consumer after it. */
  group: string;
  createBus(): Promise<EventBus>;
}

export interface OutboxBenchResult {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Committed events (warm-up included) that no handler applied. */
  lost: number;
  /** Events whose handler's effect was committed more than once. */
  appliedTwice: number;
}

/** How long the consumer may lag behind the last commit before the missing events count as lost. */
const DRAIN_TIMEOUT_MS = 60_000;

const logger = createLogger('warn');

export async function benchOutbox({ events, writers, eventsPerTransaction, postgresUrl, group, createBus }: OutboxBenchOptions): Promise<OutboxBenchResult> {
  const { db, drop } = postgresUrl === undefined
    ? { db: await openDatabase({ pgliteDataDir: 'memory://' }, logger), drop: async () => {} }
    : await createDatabase(postgresUrl);
  try {
    const bus = await createBus();
    try {
      return await measure(db, bus, group, events, writers, eventsPerTransaction);
    } finally {
      await bus.close();
    }
  } finally {
    await db.close();
    await drop();
  }
}

async function measure(
  db: Database,
  bus: EventBus,
  group: string,
  events: number,
  writers: number,
  eventsPerTransaction: number,
): Promise<OutboxBenchResult> {
  await migrate(db, MESSAGING_MIGRATIONS);
  // The handler's effect: one row per application, without a unique key, so that an event
  // applied twice shows as two rows instead of failing.
  await db.query('CREATE TABLE bench_applied (event_id text NOT NULL)');
  const registry = new Registry();
  const relay = startOutboxRelay(db, bus, { logger, registry }, DEFAULT_OUTBOX_RELAY_SETTINGS);
  const committedAt = new Map<string, number>();
  const handled = new Set<string>();
  let latenciesMs: number[] = [];
  const subscription = await consume(bus, db, {
    group,
    types: ['bench.happened'],
    handler: async (tx, event) => {
      await tx.query('INSERT INTO bench_applied (event_id) VALUES ($1)', [event.id]);
      const committed = committedAt.get(event.id);
      if (committed !== undefined && !handled.has(event.id)) latenciesMs.push(performance.now() - committed);
      handled.add(event.id);
    },
  }, { logger, registry }, DEFAULT_CONSUMER_SETTINGS);

  const run = async (count: number): Promise<number> => {
    latenciesMs = [];
    const target = handled.size + count;
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: writers }, async () => {
      for (let n = next; n < count; n = next) {
        next += eventsPerTransaction;
        const batch = Array.from({ length: Math.min(eventsPerTransaction, count - n) }, (_, i) =>
          newEvent('bench.happened', `key-${(n + i) % 100}`, { n: n + i }),
        );
        await db.transaction((tx) => appendToOutbox(tx, batch));
        const committed = performance.now();
        for (const event of batch) committedAt.set(event.id, committed);
        relay.notify();
      }
    }));
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (handled.size < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return performance.now() - started;
  };

  let elapsedMs: number;
  try {
    await run(Math.max(1, Math.floor(events / 10))); // warm-up: JIT, the database's caches
    elapsedMs = await run(events);
  } finally {
    await relay.close();
    await subscription.close();
  }
  // Counted from what the handlers committed, not from what they were called with: a handler
  // whose transaction rolled back applied nothing.
  const { rows } = await db.query<{ applied: number; twice: number }>(
    `SELECT count(DISTINCT event_id)::int AS applied,
            (SELECT count(*)::int FROM (SELECT 1 FROM bench_applied GROUP BY event_id HAVING count(*) > 1) AS repeated) AS twice
     FROM bench_applied`,
  );
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    eventsPerSecond: latenciesMs.length / (elapsedMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    lost: committedAt.size - (rows[0]?.applied ?? 0),
    appliedTwice: rows[0]?.twice ?? 0,
  };
}

/** A database of its own on the server, so that the bench neither sees nor leaves anything there. */
async function createDatabase(serverUrl: string): Promise<{ db: Database; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  const drop = async (): Promise<void> => {
    try {
      // The pool's end() resolves before its connections have closed; FORCE would kill them, noisily.
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const { rows } = await admin.query<{ open: number }>('SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]?.open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { db: await openDatabase({ url: url.toString() }, logger), drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const events = Number(process.env.BENCH_EVENTS ?? 5_000);
  const writers = Number(process.env.BENCH_WRITERS ?? 8);
  const result = await benchOutbox({ events, writers, eventsPerTransaction: 1, group: 'bench', createBus: async () => createInProcessBus() });
  console.log(
    `outbox → in-process bus → consumer, embedded PostgreSQL, ${events} events, ${writers} writers: ` +
      `${result.eventsPerSecond.toFixed(0)} events/s, commit → handler p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ` +
      `${result.lost} lost, ${result.appliedTwice} applied twice`,
  );
}
