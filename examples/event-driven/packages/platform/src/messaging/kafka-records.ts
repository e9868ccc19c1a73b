import type { MessageToProduce } from '@platformatic/kafka';

import type { EventEnvelope } from './envelope.js';
import { envelopeFrom, envelopeHeaders } from './wire.js';

/** A record as the bus produces and consumes it (string key, value and headers). */
export type KafkaRecord = MessageToProduce<string, string, string, string>;

/** One topic per project carries every type: `<name>.events`. */
export function eventsTopic(name: string): string {
  return `${name}.events`;
}

/**
 * The record of an event: its key is the event's key, so the events of one key go to one
 * partition and keep their order; the envelope's fields travel as headers (see wire.ts).
 */
export function toRecord(topic: string, event: EventEnvelope): KafkaRecord {
  return {
    topic,
    key: event.key,
    value: JSON.stringify(event.payload),
    headers: envelopeHeaders(event),
    timestamp: BigInt(Date.parse(event.occurredAt)),
  };
}

export function fromRecord(record: { value?: string; headers: Map<string, string> }): EventEnvelope {
  return envelopeFrom(record.headers, record.value ?? '');
}

/** `kafka://host:port`: the bootstrap broker, from which the client discovers the rest of the cluster. */
export function bootstrapBrokers(url: URL): string[] {
  if (url.hostname === '') throw new Error(`the Kafka URL ${url.toString()} names no broker`);
  return [`${url.hostname}:${url.port || '9092'}`];
}
