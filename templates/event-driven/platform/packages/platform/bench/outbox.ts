// What messaging costs end to end: events appended by committed transactions, published by the
// outbox relay, and applied by an idempotent consumer; throughput, latency from a commit to the
// handler, and whether every event was applied exactly once. Run in packages/platform:
//   node --import tsx bench/outbox.ts        (BENCH_EVENTS, default 5000; BENCH_WRITERS, default 8)
// It measures the in-process bus on the embedded PostgreSQL; `npm run bench` at the root
// (bench/messaging.ts) measures every broker, on a PostgreSQL server when there is one.
import { pathToFileURL } from 'node:url';

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
import { openPrivateDatabase } from '../src/testing/private-database.js';

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
  /**
   * The events per second the writers offer, paced: the latency then is the path's at that load.
   * Without it they commit as fast as they can, which measures the most the path carries; once
   * they outrun it, the latency is the backlog's.
   */
  offeredPerSecond?: number;
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

export async function benchOutbox({ postgresUrl, createBus, ...load }: OutboxBenchOptions): Promise<OutboxBenchResult> {
  // On a server, a database of its own, so that the bench neither sees nor leaves anything there.
  const db = postgresUrl === undefined
    ? await openDatabase({ pgliteDataDir: 'memory://' }, logger)
    : await openPrivateDatabase(postgresUrl);
  try {
    const bus = await createBus();
    try {
      return await measure(db, bus, load);
    } finally {
      await bus.close();
    }
  } finally {
    await db.close();
  }
}

async function measure(
  db: Database,
  bus: EventBus,
  { group, events, writers, eventsPerTransaction, offeredPerSecond }: Omit<OutboxBenchOptions, 'postgresUrl' | 'createBus'>,
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
        // Paced: the transaction that starts with the n-th event is due n / rate seconds in.
        if (offeredPerSecond !== undefined) await until(started + (n / offeredPerSecond) * 1000);
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

/** Resolves at `time` (a performance.now() reading), at once if it has passed. */
async function until(time: number): Promise<void> {
  const wait = time - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
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
