// `npm run bench` (and alone: node --conditions=source --import tsx bench/messaging.ts): what the
// outbox costs end to end on each bus: events committed by concurrent writers into the outbox,
// published by the relay, applied by an idempotent consumer (inbox) in its own transaction.
//   in-process  always
//   RabbitMQ    TEST_RABBITMQ_URL, default amqp://guest:guest@127.0.0.1:5672
//   NATS        TEST_NATS_URL, default nats://127.0.0.1:4222 (JetStream)
//   Kafka       TEST_KAFKA_URL, only when set
// on the PostgreSQL of TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// database the bench creates and drops, or on the embedded PostgreSQL when it is unreachable.
// BENCH_EVENTS (default 20000) and BENCH_WRITERS (default 16) size each run; BENCH_RATE (default
// 5000) is the events per second of the paced run. Every run uses a namespace of its own and
// deletes the queues, streams or topics it declared.
import { randomBytes } from 'node:crypto';

import { createLogger } from '@event-driven/platform/logger';
import type { EventBus } from '@event-driven/platform/messaging/bus';
import { connectBus } from '@event-driven/platform/messaging/connect';
import pg from 'pg';

import { benchOutbox, type OutboxBenchResult } from '../packages/platform/bench/outbox.js';
import { deleteTopology } from '../packages/platform/bench/topology.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const GROUP = 'bench';
const logger = createLogger('warn');

const buses: { name: string; kind: EventBus['kind']; url: string | undefined }[] = [
  { name: 'in-process', kind: 'in-process', url: undefined },
  { name: 'RabbitMQ', kind: 'rabbitmq', url: process.env.TEST_RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672' },
  { name: 'NATS', kind: 'nats', url: process.env.TEST_NATS_URL || 'nats://127.0.0.1:4222' },
  ...(process.env.TEST_KAFKA_URL ? [{ name: 'Kafka', kind: 'kafka' as const, url: process.env.TEST_KAFKA_URL }] : []),
];

const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const postgres = await reachable(postgresUrl);
if (postgres !== true) console.log(`PostgreSQL at ${postgresUrl} is unreachable (${postgres}): using the embedded PostgreSQL (PGlite)`);
const database = postgres === true ? 'PostgreSQL' : 'embedded';
if (!process.env.TEST_KAFKA_URL) console.log('Kafka: skipped, TEST_KAFKA_URL is not set');

// One event per transaction is what most requests commit: it measures the whole path, and on a
// small machine what the database can commit. Ten per transaction take the writers' commits out
// of the way and measure what the relay, the broker and the consumer can carry; the writers then
// outrun them, so that run's latency is the backlog, not the path. The paced run offers RATE
// events/s, ten per transaction: its latency is the path's at that load, and its events/s fall
// short of RATE when the path cannot carry it.
const SCENARIOS: { perTransaction: number; offeredPerSecond?: number }[] = [
  { perTransaction: 1 },
  { perTransaction: 10 },
  { perTransaction: 10, offeredPerSecond: RATE },
];

console.log(`${EVENTS} events per run, ${WRITERS} writers, after a warm-up of a tenth as many\n`);
const rows: { bus: string; scenario: (typeof SCENARIOS)[number]; result: OutboxBenchResult }[] = [];
for (const scenario of SCENARIOS) {
  for (const bus of buses) {
    const namespace = `bench-${randomBytes(4).toString('hex')}`;
    try {
      const result = await benchOutbox({
        events: EVENTS,
        writers: WRITERS,
        eventsPerTransaction: scenario.perTransaction,
        ...(scenario.offeredPerSecond === undefined ? {} : { offeredPerSecond: scenario.offeredPerSecond }),
        group: GROUP,
        ...(postgres === true ? { postgresUrl } : {}),
        createBus: () => connectBus(bus.url, { name: namespace, logger }),
      });
      rows.push({ bus: bus.name, scenario, result });
    } catch (error) {
      // The bench cannot tell an unreachable broker from a failing one beyond the message; it says which.
      console.log(`${bus.name}: skipped (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      if (bus.url !== undefined) {
        await deleteTopology(bus.kind, bus.url, namespace, GROUP).catch((error: unknown) =>
          console.log(`${bus.name}: could not delete what namespace ${namespace} declared (${error instanceof Error ? error.message : String(error)})`),
        );
      }
    }
  }
}

console.log('\n| bus | database | events per transaction | offered events/s | events/s | p50 ms | p99 ms | lost | applied twice |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const { bus, scenario, result } of rows) {
  const offered = scenario.offeredPerSecond ?? 'all they can';
  console.log(
    `| ${bus} | ${database} | ${scenario.perTransaction} | ${offered} | ${result.eventsPerSecond.toFixed(0)} | ${result.p50Ms.toFixed(1)} | ${result.p99Ms.toFixed(1)} | ${result.lost} | ${result.appliedTwice} |`,
  );
}
if (rows.some(({ result }) => result.lost > 0 || result.appliedTwice > 0)) process.exitCode = 1;

async function reachable(url: string): Promise<true | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
