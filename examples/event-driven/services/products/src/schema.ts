import { z } from 'zod';

// Money is an integer number of cents: no floating-point rounding. The cap keeps
// price × quantity (see the orders service) within PostgreSQL's integer.
export const MAX_PRICE_CENTS = 10_000_000;

/** Body of POST /products. */
export const NewProductSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  priceCents: z.number().int().min(1).max(MAX_PRICE_CENTS),
  /** Units on hand; orders reserve from it. */
  stock: z.number().int().min(0).max(1_000_000),
});
export type NewProduct = z.infer<typeof NewProductSchema>;

export interface Product {
  id: string;
  name: string;
  priceCents: number;
  /** Units on hand that no order has reserved. */
  stock: number;
  createdAt: Date;
}
