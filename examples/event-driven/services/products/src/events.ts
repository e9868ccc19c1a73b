import { newEvent } from '@event-driven/platform/messaging/envelope';
import { z } from 'zod';

// What this service tells the others, keyed by the order the stock is for.

export const stockReserved = (reservation: { orderId: string; productId: string; quantity: number; amountCents: number }) =>
  newEvent('stock.reserved', reservation.orderId, reservation);

export const stockRejected = (orderId: string, reason: string) => newEvent('stock.rejected', orderId, { orderId, reason });

export const stockReleased = (orderId: string) => newEvent('stock.released', orderId, { orderId });

// What it hears from the others, in its own terms: it never imports their code, and checks every
// payload. One that does not parse is a poison message: it ends in the dead letters.

export const OrderPlaced = z.object({ orderId: z.uuid(), productId: z.uuid(), quantity: z.number().int().positive() });

export const PaymentFailed = z.object({ orderId: z.uuid(), reason: z.string() });
