import type { Queryable } from '@event-driven/platform/db/database';
import type { EventHandlers } from '@event-driven/platform/messaging/event-handlers';
import { appendToOutbox } from '@event-driven/platform/messaging/outbox';

import { orderCancelled, orderConfirmed, PaymentCharged, PaymentFailed, StockRejected } from './events.js';
import { settleOrder } from './repository.js';

/**
 * The orders side of the order saga (choreography: no one directs it, each service reacts to the
 * others' events). Orders placed it; here it learns the outcome. Products and payments undo their
 * own steps when a later one fails: products releases the stock when the payment fails.
 *
 * Each handler runs in the transaction that records the event as handled, so its changes and the
 * events it emits commit together, once, however often the broker delivers the event.
 */
export const handlers: EventHandlers = {
  'payment.charged': async (tx, event) => {
    const { orderId, paymentId, amountCents } = PaymentCharged.parse(event.payload);
    if (await settleOrder(tx, orderId, { status: 'confirmed', totalCents: amountCents, paymentId })) {
      await appendToOutbox(tx, [orderConfirmed(orderId)]);
    }
  },
  'stock.rejected': async (tx, event) => cancel(tx, StockRejected.parse(event.payload)),
  'payment.failed': async (tx, event) => cancel(tx, PaymentFailed.parse(event.payload)),
};

async function cancel(tx: Queryable, { orderId, reason }: { orderId: string; reason: string }): Promise<void> {
  if (await settleOrder(tx, orderId, { status: 'cancelled', reason })) {
    await appendToOutbox(tx, [orderCancelled(orderId, reason)]);
  }
}
