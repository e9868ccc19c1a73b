import { randomUUID } from 'node:crypto';

import { context, propagation } from '@opentelemetry/api';

/**
 * An event as it travels: in the outbox, on the broker, in the inbox and in the dead letters.
 * `id` is unique per event and is what the inbox de-duplicates on; `key` is the id of the thing
 * the event is about (an order id): brokers keep events of one key in order.
 */
export interface EventEnvelope<Payload = unknown> {
  id: string;
  type: string;
  key: string;
  payload: Payload;
  /** ISO 8601. */
  occurredAt: string;
  /** W3C trace context (`traceparent`, `tracestate`) of the request that caused the event. */
  headers: Record<string, string>;
}

/**
 * A new event, carrying the trace context that is active now: create events inside the request
 * (or the handler) that causes them, and the consumer's span joins that trace.
 */
export function newEvent<Payload>(type: string, key: string, payload: Payload): EventEnvelope<Payload> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return { id: randomUUID(), type, key, payload, occurredAt: new Date().toISOString(), headers };
}

/** The columns an envelope is stored in: in the outbox, the dead letters and the event store. */
export interface EnvelopeRow {
  id: string;
  type: string;
  key: string;
  payload: unknown;
  occurred_at: Date;
  headers: Record<string, string>;
}

export function envelopeFromRow(row: EnvelopeRow): EventEnvelope {
  return { id: row.id, type: row.type, key: row.key, payload: row.payload, occurredAt: row.occurred_at.toISOString(), headers: row.headers };
}
