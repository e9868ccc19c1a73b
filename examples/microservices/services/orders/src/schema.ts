import { z } from 'zod';

// With the products service's price cap, keeps price × quantity within PostgreSQL's integer.
export const MAX_QUANTITY = 100;

/** Body of POST /orders: what to order. The price comes from the products service. */
export const NewOrderSchema = z.strictObject({
  productId: z.uuid(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});
export type NewOrder = z.infer<typeof NewOrderSchema>;

export interface Order {
  id: string;
  productId: string;
  quantity: number;
  /** Price × quantity at the time of the order, in cents; the amount charged. */
  totalCents: number;
  /** The charge in the payments service. */
  paymentId: string;
  createdAt: Date;
}
