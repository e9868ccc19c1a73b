import type { Queryable } from '@cqrs/platform/db/database';
import type { EventHandlers } from '@cqrs/platform/messaging/event-handlers';

import { settleOrder } from './commands.js';
import { PaymentCharged, PaymentFailed, StockRejected } from './events.js';

/**
 * The orders side of the order saga (choreography: no one directs it, each service reacts to the
 * others' events). Orders placed it; here it learns the outcome. Products and payments undo their
 * own steps when a later one fails: products releases the stock when the payment fails.
 *
 * Each handler runs in the transaction that records the event as handled, so the order's new
 * event, in its stream and in the outbox, commits with it, once, however often it is delivered.
 */
export const handlers: EventHandlers = {
  'payment.charged': async (tx, event) => {
    const { orderId, paymentId, amountCents } = PaymentCharged.parse(event.payload);
    await settleOrder(tx, orderId, { status: 'confirmed', paymentId, amountCents });
  },
  'stock.rejected': async (tx, event) => cancel(tx, StockRejected.parse(event.payload)),
  'payment.failed': async (tx, event) => cancel(tx, PaymentFailed.parse(event.payload)),
};

async function cancel(tx: Queryable, { orderId, reason }: { orderId: string; reason: string }): Promise<void> {
  await settleOrder(tx, orderId, { status: 'cancelled', reason });
}
