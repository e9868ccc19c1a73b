import { randomUUID } from 'node:crypto';

import type { EventEnvelope } from '../../../src/messaging/envelope.js';

/** An event with every envelope field set, trace context included, as a service would publish it. */
export function event(type: string, key: string, payload: unknown): EventEnvelope {
  const hex = (length: number): string => randomUUID().replaceAll('-', '').slice(0, length);
  return {
    id: randomUUID(),
    type,
    key,
    payload,
    occurredAt: new Date().toISOString(),
    headers: { traceparent: `00-${hex(32)}-${hex(16)}-01`, tracestate: 'vendor=value' },
  };
}
