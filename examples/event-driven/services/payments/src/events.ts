import { newEvent } from '@event-driven/platform/messaging/envelope';
import { z } from 'zod';

// What this service tells the others, keyed by the order the payment is for.

export const paymentCharged = (payment: { orderId: string; paymentId: string; amountCents: number }) =>
  newEvent('payment.charged', payment.orderId, payment);

export const paymentFailed = (orderId: string, reason: string) => newEvent('payment.failed', orderId, { orderId, reason });

// What it hears from the others, in its own terms: it never imports their code, and checks every
// payload. One that does not parse is a poison message: it ends in the dead letters.

export const StockReserved = z.object({
  orderId: z.uuid(),
  productId: z.uuid(),
  quantity: z.number().int().positive(),
  amountCents: z.number().int().positive(),
});
