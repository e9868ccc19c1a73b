import type { EventHandlers } from '@event-driven/platform/messaging/event-handlers';
import { appendToOutbox } from '@event-driven/platform/messaging/outbox';

import { paymentCharged, paymentFailed, StockReserved } from './events.js';
import { insertPayment } from './repository.js';

/**
 * The payments side of the order saga: charge what the reserved stock costs. A declined charge
 * is announced as `payment.failed`, and the earlier steps compensate: products gives the stock
 * back, orders cancels the order.
 *
 * Each handler runs in the transaction that records the event as handled, so the charge and the
 * event announcing it commit together, once, however often the broker delivers the event.
 */
export function paymentHandlers(settings: { PAYMENT_LIMIT_CENTS: number }): EventHandlers {
  return {
    'stock.reserved': async (tx, event) => {
      const { orderId, amountCents } = StockReserved.parse(event.payload);
      if (amountCents > settings.PAYMENT_LIMIT_CENTS) {
        await appendToOutbox(tx, [paymentFailed(orderId, `declined: ${amountCents} cents is over the limit`)]);
        return;
      }
      const payment = await insertPayment(tx, { orderId, amountCents });
      await appendToOutbox(tx, [paymentCharged({ orderId, paymentId: payment.id, amountCents })]);
    },
  };
}
