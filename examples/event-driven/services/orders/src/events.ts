import { newEvent } from '@event-driven/platform/messaging/envelope';
import { z } from 'zod';

// What this service tells the others. Every event's key is the order id, so a broker keeps the
// events of one order in sequence.

export const orderPlaced = (order: { id: string; productId: string; quantity: number }) =>
  newEvent('order.placed', order.id, { orderId: order.id, productId: order.productId, quantity: order.quantity });

export const orderConfirmed = (orderId: string) => newEvent('order.confirmed', orderId, { orderId });

export const orderCancelled = (orderId: string, reason: string) => newEvent('order.cancelled', orderId, { orderId, reason });

// What it hears from the others, in its own terms: it never imports their code, and checks every
// payload. One that does not parse is a poison message: it ends in the dead letters.

export const StockRejected = z.object({ orderId: z.uuid(), reason: z.string() });

export const PaymentCharged = z.object({ orderId: z.uuid(), paymentId: z.uuid(), amountCents: z.number().int().positive() });

export const PaymentFailed = z.object({ orderId: z.uuid(), reason: z.string() });
