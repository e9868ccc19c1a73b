import type { EventHandlers } from '@cqrs/platform/messaging/event-handlers';
import { appendToOutbox } from '@cqrs/platform/messaging/outbox';

import { OrderPlaced, PaymentFailed, stockRejected, stockReleased, stockReserved } from './events.js';
import { releaseStock, reserveStock } from './repository.js';

/**
 * The products side of the order saga: reserve the stock an order needs, and give it back (the
 * compensating transaction) when the payment that follows fails.
 *
 * Each handler runs in the transaction that records the event as handled, so its changes and the
 * events it emits commit together, once, however often the broker delivers the event.
 */
export const handlers: EventHandlers = {
  'order.placed': async (tx, event) => {
    const order = OrderPlaced.parse(event.payload);
    const reservation = await reserveStock(tx, order);
    await appendToOutbox(tx, [
      reservation.reserved
        ? stockReserved({ ...order, amountCents: reservation.amountCents })
        : stockRejected(order.orderId, reservation.reason),
    ]);
  },
  'payment.failed': async (tx, event) => {
    const { orderId } = PaymentFailed.parse(event.payload);
    if (await releaseStock(tx, orderId)) await appendToOutbox(tx, [stockReleased(orderId)]);
  },
};
