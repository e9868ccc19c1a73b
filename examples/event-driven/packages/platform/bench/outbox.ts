// What messaging costs end to end: events appended by committed transactions, published by the
// outbox relay, and handled by an idempotent consumer; throughput, and latency from a commit to
// the handler. Run in packages/platform:
//   node --import tsx bench/outbox.ts        (BENCH_EVENTS, default 5000; BENCH_WRITERS, default 8)
// It measures the in-process bus on the embedded PostgreSQL; a broker adapter is measured by
// calling benchOutbox() with its own `createBus`.
import { pathToFileURL } from 'node:url';

import { Registry } from 'prom-client';

import { openDatabase } from '../src/db/database.js';
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
  /** Concurrent writers, each committing one event per transaction, as request handlers do. */
  writers: number;
  createBus(): Promise<EventBus>;
}

export interface OutboxBenchResult {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const logger = createLogger('warn');

export async function benchOutbox({ events, writers, createBus }: OutboxBenchOptions): Promise<OutboxBenchResult> {
  const db = await openDatabase({ pgliteDataDir: 'memory://' }, logger);
  const bus = await createBus();
  try {
    await migrate(db, MESSAGING_MIGRATIONS);
    const registry = new Registry();
    const relay = startOutboxRelay(db, bus, { logger, registry }, DEFAULT_OUTBOX_RELAY_SETTINGS);
    const committedAt = new Map<string, number>();
    const latenciesMs: number[] = [];
    const subscription = await consume(bus, db, {
      group: 'bench',
      types: ['bench.happened'],
      handler: async (_tx, event) => {
        const committed = committedAt.get(event.id);
        if (committed !== undefined) latenciesMs.push(performance.now() - committed);
      },
    }, { logger, registry }, DEFAULT_CONSUMER_SETTINGS);

    const run = async (count: number): Promise<number> => {
      latenciesMs.length = 0;
      const started = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: writers }, async () => {
        for (let n = next++; n < count; n = next++) {
          const event = newEvent('bench.happened', `key-${n % 100}`, { n });
          await db.transaction((tx) => appendToOutbox(tx, [event]));
          committedAt.set(event.id, performance.now());
          relay.notify();
        }
      }));
      const deadline = Date.now() + 120_000;
      while (latenciesMs.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${latenciesMs.length} of ${count} events were handled within 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return performance.now() - started;
    };

    await run(Math.max(1, Math.floor(events / 10))); // warm-up: JIT, the database's caches
    const elapsedMs = await run(events);
    await relay.close();
    await subscription.close();
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    return { eventsPerSecond: events / (elapsedMs / 1000), p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
  } finally {
    await bus.close();
    await db.close();
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const events = Number(process.env.BENCH_EVENTS ?? 5_000);
  const writers = Number(process.env.BENCH_WRITERS ?? 8);
  const result = await benchOutbox({ events, writers, createBus: async () => createInProcessBus() });
  console.log(
    `outbox → in-process bus → consumer, embedded PostgreSQL, ${events} events, ${writers} writers: ` +
      `${result.eventsPerSecond.toFixed(0)} events/s, commit → handler p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
  );
}
