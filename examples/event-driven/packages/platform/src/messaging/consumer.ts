import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

import type { Database, Queryable } from '../db/database.js';
import { backoffMs, type Backoff } from './backoff.js';
import { Batches } from './batches.js';
import type { EventBus, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

/**
 * Applies one event, with `tx`: the transaction that also records it as handled. Everything it
 * does, including `appendToOutbox(tx, …)` for the events it causes, commits or rolls back with it.
 */
export type EventHandler = (tx: Queryable, event: EventEnvelope) => Promise<void>;

export interface ConsumerSettings {
  /** How many deliveries this instance has in hand at once (the broker's prefetch). */
  concurrency: number;
  /**
   * The most deliveries applied in one transaction. Under load, deliveries share transactions
   * (one commit, one inbox insert for many events) instead of each paying its own; a quiet
   * consumer still applies each at once, alone. At most concurrency / batchSize transactions
   * (rounded up) run at once, so that is how many pooled connections the consumer takes.
   */
  batchSize: number;
  /** Deliveries of one event before it goes to the dead letters (the first one included). */
  maxAttempts: number;
  /** The wait before each redelivery of a failed event. */
  retry: Backoff;
}

export const DEFAULT_CONSUMER_SETTINGS: ConsumerSettings = {
  // Measured on 2 cores with RabbitMQ and PostgreSQL (bench/outbox.ts): one transaction per
  // event peaks near 2,000 events/s; shared transactions of up to 16 go past the writers' pace.
  // The prefetch, not the database, then capped the consumer: with 64 deliveries in hand it waits
  // for the broker between batches (RabbitMQ alone delivers about 8,600/s at a prefetch of 64 and
  // 14,000/s at 1,024); 256 in hand, in transactions of up to 64, carried a third more.
  concurrency: 256,
  batchSize: 64,
  maxAttempts: 5,
  retry: { initialMs: 200, maxMs: 30_000 },
};

export type ConsumeOutcome = 'handled' | 'duplicate' | 'failed' | 'dead-lettered';

/**
 * Subscribes `handler` to `types` for `group` (one group per service and purpose: its instances
 * share the work) and applies each event exactly once, although the bus delivers at least once:
 * each delivery is applied in a transaction that first records (group, event id) in the inbox,
 * and a delivery that finds it there is acknowledged without running the handler. Under load,
 * deliveries share transactions (see `batchSize`); each is acknowledged only once its own committed.
 *
 * A failing handler rolls everything back and the event comes again after a backoff; after
 * `maxAttempts` deliveries it is stored in the dead letters with its error (see dead-letters.ts)
 * and acknowledged, so one bad event does not hold up the rest.
 *
 * Each delivery runs in a CONSUMER span, child of the context the event carries: one trace spans
 * the request that caused the event and every handler it reaches.
 */
export async function consume(
  bus: EventBus,
  db: Database,
  subscription: { group: string; types: readonly string[]; handler: EventHandler },
  deps: {
    logger: Logger;
    registry: Registry;
    /** Called after each delivery that committed, e.g. to wake the outbox relay for the events it appended. */
    afterCommit?: () => void;
  },
  settings: ConsumerSettings = DEFAULT_CONSUMER_SETTINGS,
): Promise<Subscription> {
  const { group, handler } = subscription;
  const consumed = consumedCounter(deps.registry);
  const batches = new Batches<Pending>(settings.batchSize, Math.ceil(settings.concurrency / settings.batchSize), (batch) =>
    db.transaction((tx) => handleBatch(tx, group, handler, batch)),
  );

  /** Applies the event in a shared transaction, or alone when another event failed that one. */
  const apply = async (event: EventEnvelope): Promise<'handled' | 'duplicate'> => {
    const pending: Pending = { event, context: context.active(), outcome: 'handled', shared: false, failed: false };
    try {
      await batches.add(pending);
      return pending.outcome;
    } catch (error) {
      if (!pending.shared || pending.failed) throw error;
      return db.transaction((tx) => handleOnce(tx, group, handler, event));
    }
  };

  return bus.subscribe(
    group,
    subscription.types,
    (event, { attempt }) =>
      inConsumerSpan(bus.kind, group, event, async (span) => {
        const count = (outcome: ConsumeOutcome): void => {
          consumed.inc({ group, type: event.type, outcome });
        };
        try {
          count(await apply(event));
          deps.afterCommit?.();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          span.recordException(failure);
          span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
          if (attempt < settings.maxAttempts) {
            count('failed');
            deps.logger.warn({ err: error, group, eventId: event.id, type: event.type, attempt }, 'event handler failed; it will be redelivered');
            throw error; // the bus redelivers it
          }
          // If this insert fails too, the rejection makes the bus deliver the event again.
          await storeDeadLetter(db, group, event, errorText(error), attempt);
          count('dead-lettered');
          deps.logger.error({ err: error, group, eventId: event.id, type: event.type, attempt }, 'event handler failed its last attempt; event dead-lettered');
        }
      }),
    { concurrency: settings.concurrency, redeliveryDelayMs: (attempt) => backoffMs(attempt, settings.retry) },
  );
}

/** A delivery waiting for, or applied in, a shared transaction. */
interface Pending {
  event: EventEnvelope;
  /** Its span's context, active while its handler runs. */
  context: Context;
  outcome: 'handled' | 'duplicate';
  /** Its transaction applied other events too. */
  shared: boolean;
  /** Its own handler threw (rather than another one of its transaction). */
  failed: boolean;
}

/**
 * handleOnce() for several events in one transaction: one inbox insert for them all, then the
 * handlers of those new to the group, in delivery order. A handler that throws rolls back the
 * whole transaction; consume() then applies the others alone.
 */
async function handleBatch(tx: Queryable, group: string, handler: EventHandler, batch: Pending[]): Promise<void> {
  for (const pending of batch) pending.shared = batch.length > 1;
  // Inserted in id order: two transactions inserting the same ids (a redelivery beside the
  // original) then wait for each other instead of deadlocking.
  const { rows } = await tx.query<{ event_id: string }>(
    `INSERT INTO messaging_inbox (consumer_group, event_id)
     SELECT $1, event_id FROM unnest($2::text[]) AS event_id ORDER BY event_id
     ON CONFLICT DO NOTHING
     RETURNING event_id`,
    [group, batch.map((pending) => pending.event.id)],
  );
  const fresh = new Set(rows.map((row) => row.event_id));
  for (const pending of batch) {
    // delete(): a second delivery of the same event in this batch is a duplicate too.
    if (!fresh.delete(pending.event.id)) {
      pending.outcome = 'duplicate';
      continue;
    }
    try {
      await context.with(pending.context, () => handler(tx, pending.event));
    } catch (error) {
      pending.failed = true;
      throw error;
    }
  }
}

/**
 * The idempotent path every delivery and every replay takes: records the event in the inbox and
 * runs the handler, or does nothing if the group has handled it already. Run it in a transaction.
 */
export async function handleOnce(
  tx: Queryable,
  group: string,
  handler: EventHandler,
  event: EventEnvelope,
): Promise<'handled' | 'duplicate'> {
  // A concurrent delivery of the same event waits here until the first one's transaction ends.
  const { rowCount } = await tx.query(
    'INSERT INTO messaging_inbox (consumer_group, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [group, event.id],
  );
  if (rowCount === 0) return 'duplicate';
  await handler(tx, event);
  return 'handled';
}

const tracer = trace.getTracer('platform-messaging');

/**
 * Runs `work` in a span named after the OpenTelemetry messaging conventions, whose parent is the
 * trace context the event carries, and which is active while the handler runs (its queries and
 * the events it creates belong to it).
 */
async function inConsumerSpan<T>(system: string, group: string, event: EventEnvelope, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), event.headers);
  const span = tracer.startSpan(
    `process ${event.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': system,
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': event.type,
        'messaging.consumer.group.name': group,
        'messaging.message.id': event.id,
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } finally {
    span.end();
  }
}

/** Stores the event among the dead letters of `group`, or replaces what an earlier delivery stored there. */
async function storeDeadLetter(db: Queryable, group: string, event: EventEnvelope, error: string, attempts: number): Promise<void> {
  await db.query(
    `INSERT INTO messaging_dead_letters (consumer_group, event_id, type, key, payload, occurred_at, headers, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (consumer_group, event_id)
       DO UPDATE SET error = excluded.error, attempts = excluded.attempts, dead_lettered_at = now()`,
    [group, event.id, event.type, event.key, JSON.stringify(event.payload), event.occurredAt, JSON.stringify(event.headers), error, attempts],
  );
}

/** What is stored and logged of a handler's failure: its stack (which starts with the message) when it has one. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** One counter per registry, shared by the consumers of the process. */
function consumedCounter(registry: Registry): Counter<'group' | 'type' | 'outcome'> {
  const name = 'messaging_consumed_total';
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<'group' | 'type' | 'outcome'>;
  return new Counter({
    name,
    help: 'Deliveries of events to consumers, by consumer group, event type and outcome (handled, duplicate, failed, dead-lettered).',
    labelNames: ['group', 'type', 'outcome'] as const,
    registers: [registry],
  });
}
