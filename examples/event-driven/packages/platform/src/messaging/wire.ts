import type { EventEnvelope } from './envelope.js';

/**
 * How an envelope travels on every broker: the payload as JSON in the message body, and the
 * envelope's own fields as headers beside its trace headers. Each adapter also sets the broker's
 * native fields (AMQP messageId and type, the NATS message id, the Kafka key and timestamp), but
 * reads the envelope back from these headers only, so the three brokers cannot disagree.
 */
export const EVENT_HEADERS = {
  id: 'event-id',
  type: 'event-type',
  key: 'event-key',
  occurredAt: 'event-occurred-at',
} as const;

/** Header names the brokers add on their own (AMQP `x-death`, `Nats-Msg-Id`): never trace context. */
const FOREIGN_HEADER = /^(event-|x-|nats-)/i;

export function envelopeHeaders(event: EventEnvelope): Record<string, string> {
  return {
    ...event.headers,
    [EVENT_HEADERS.id]: event.id,
    [EVENT_HEADERS.type]: event.type,
    [EVENT_HEADERS.key]: event.key,
    [EVENT_HEADERS.occurredAt]: event.occurredAt,
  };
}

export function encodePayload(payload: unknown): Buffer {
  return Buffer.from(JSON.stringify(payload));
}

/**
 * The envelope a message carries. Throws, naming what is missing, for a message that is not an
 * event (published by something else than this bus): no handler could make sense of it.
 */
export function envelopeFrom(headers: Iterable<readonly [string, string]>, body: Uint8Array | string): EventEnvelope {
  const fields = new Map<string, string>();
  const trace: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (FOREIGN_HEADER.test(name)) fields.set(name.toLowerCase(), value);
    else trace[name] = value;
  }
  const field = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined) throw new Error(`the message has no ${name} header: it is not an event of this bus`);
    return value;
  };
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return {
    id: field(EVENT_HEADERS.id),
    type: field(EVENT_HEADERS.type),
    key: field(EVENT_HEADERS.key),
    payload: JSON.parse(text) as unknown,
    occurredAt: field(EVENT_HEADERS.occurredAt),
    headers: trace,
  };
}

/**
 * Names become parts of exchange, queue, stream, consumer and topic names, and event types parts
 * of routing keys and subjects, where `.`, `*`, `>` and `#` have meanings of their own: a type
 * `orders.>` would subscribe to every order event on NATS. So only plain words are accepted.
 */
const NAME = /^[A-Za-z0-9_-]+$/;
const EVENT_TYPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function assertName(what: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`invalid ${what} "${name}": use letters, digits, "-" and "_" only`);
}

export function assertEventTypes(types: readonly string[]): void {
  for (const type of types) {
    if (!EVENT_TYPE.test(type)) throw new Error(`invalid event type "${type}": use words of letters, digits, "-" and "_" joined by "."`);
  }
}
