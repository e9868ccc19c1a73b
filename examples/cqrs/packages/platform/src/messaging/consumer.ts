import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

import type { Database, Queryable } from '../db/database.js';
import { backoffMs, type Backoff } from './backoff.js';
import type { EventBus, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

/**
 * Applies one event, with `tx`: the transaction that also records it as handled. Everything it
 * does, including `appendToOutbox(tx, …)` for the events it causes, commits or rolls back with it.
 */
export type EventHandler = (tx: Queryable, event: EventEnvelope) => Promise<void>;

export interface ConsumerSettings {
  /** How many deliveries this instance handles at once. */
  concurrency: number;
  /** Deliveries of one event before it goes to the dead letters (the first one included). */
  maxAttempts: number;
  /** The wait before each redelivery of a failed event. */
  retry: Backoff;
}

export const DEFAULT_CONSUMER_SETTINGS: ConsumerSettings = {
  concurrency: 8,
  maxAttempts: 5,
  retry: { initialMs: 200, maxMs: 30_000 },
};

export type ConsumeOutcome = 'handled' | 'duplicate' | 'failed' | 'dead-lettered';

/**
 * Subscribes `handler` to `types` for `group` (one group per service and purpose: its instances
 * share the work) and applies each event exactly once, although the bus delivers at least once:
 * each delivery is one transaction that first records (group, event id) in the inbox, and a
 * delivery that finds it there is acknowledged without running the handler.
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

  return bus.subscribe(
    group,
    subscription.types,
    (event, { attempt }) =>
      inConsumerSpan(bus.kind, group, event, async (span) => {
        const count = (outcome: ConsumeOutcome): void => {
          consumed.inc({ group, type: event.type, outcome });
        };
        try {
          count(await db.transaction((tx) => handleOnce(tx, group, handler, event)));
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
