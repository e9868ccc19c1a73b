import { z } from 'zod';

// With the products service's price cap, keeps price × quantity within PostgreSQL's integer.
export const MAX_QUANTITY = 100;

/** Body of POST /orders: what to order. The price is the products service's business. */
export const NewOrderSchema = z.strictObject({
  productId: z.uuid(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});
export type NewOrder = z.infer<typeof NewOrderSchema>;

/**
 * pending: placed, the saga is under way. confirmed: stock reserved and payment charged.
 * cancelled: a step failed; whatever earlier steps did has been compensated (see `reason`).
 */
export type OrderStatus = 'pending' | 'confirmed' | 'cancelled';

export interface Order {
  id: string;
  productId: string;
  quantity: number;
  status: OrderStatus;
  /** What was charged, in cents, once confirmed. */
  totalCents: number | null;
  /** The charge in the payments service, once confirmed. */
  paymentId: string | null;
  /** Why the order was cancelled. */
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}
