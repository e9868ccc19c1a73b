import { randomUUID } from 'node:crypto';

import type { Database, Queryable } from '@cqrs/platform/db/database';
import { loadAggregate } from '@cqrs/platform/event-store/aggregate';
import { appendToStream } from '@cqrs/platform/event-store/store';
import type { EventEnvelope } from '@cqrs/platform/messaging/envelope';
import { appendToOutbox } from '@cqrs/platform/messaging/outbox';

import { orderCancelled, orderConfirmed, orderPlaced } from './events.js';
import { order, orderStream } from './order.js';
import type { NewOrder } from './schema.js';

// The write side (the C of CQRS): every change is an event appended to the order's stream, and
// the same event goes to the outbox in that transaction, for the other services.

async function record(tx: Queryable, orderId: string, expectedVersion: number, event: EventEnvelope): Promise<void> {
  // Throws ConcurrencyError when another writer appended first: the caller's transaction rolls
  // back, and a redelivered event tries again on the new state.
  await appendToStream(tx, orderStream(orderId), expectedVersion, [event]);
  await appendToOutbox(tx, [event]);
}

/** Places an order: the first event of a new stream. Its outcome is decided by the saga. */
export async function placeOrder(db: Database, input: NewOrder): Promise<NewOrder & { id: string; status: 'pending' }> {
  const id = randomUUID();
  await db.transaction((tx) => record(tx, id, 0, orderPlaced({ id, ...input })));
  return { id, ...input, status: 'pending' };
}

export type Outcome = { status: 'confirmed'; paymentId: string; amountCents: number } | { status: 'cancelled'; reason: string };

/**
 * Decides a pending order's outcome. Nothing happens to an order that is not pending (or not
 * known): a saga's outcome is decided once, so a late or repeated event changes nothing.
 */
export async function settleOrder(tx: Queryable, orderId: string, outcome: Outcome): Promise<boolean> {
  const { state, version } = await loadAggregate(tx, order, orderStream(orderId));
  if (state.status !== 'pending') return false;
  const event =
    outcome.status === 'confirmed'
      ? orderConfirmed(orderId, { paymentId: outcome.paymentId, amountCents: outcome.amountCents })
      : orderCancelled(orderId, outcome.reason);
  await record(tx, orderId, version, event);
  return true;
}
