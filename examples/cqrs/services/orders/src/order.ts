import type { Aggregate } from '@cqrs/platform/event-store/aggregate';
import type { StoredEvent } from '@cqrs/platform/event-store/store';

import type { OrderStatus } from './schema.js';

/**
 * An order is its events (event sourcing): its stream in the event store is the only record of
 * it, and its state is what they add up to. The same events are what other services hear.
 */
export type OrderEvent =
  | StoredEvent<'order.placed', { orderId: string; productId: string; quantity: number }>
  | StoredEvent<'order.confirmed', { orderId: string; paymentId: string; amountCents: number }>
  | StoredEvent<'order.cancelled', { orderId: string; reason: string }>;

export interface OrderState {
  status: OrderStatus | 'new';
  productId: string | null;
  quantity: number;
  totalCents: number | null;
  paymentId: string | null;
  reason: string | null;
}

export const order: Aggregate<OrderState, OrderEvent> = {
  initial: { status: 'new', productId: null, quantity: 0, totalCents: null, paymentId: null, reason: null },
  evolve(state, event) {
    switch (event.type) {
      case 'order.placed':
        return { ...state, status: 'pending', productId: event.payload.productId, quantity: event.payload.quantity };
      case 'order.confirmed':
        return { ...state, status: 'confirmed', totalCents: event.payload.amountCents, paymentId: event.payload.paymentId };
      case 'order.cancelled':
        return { ...state, status: 'cancelled', reason: event.payload.reason };
    }
  },
};

/** Each order's stream in the event store. */
export const orderStream = (orderId: string): string => `order-${orderId}`;
