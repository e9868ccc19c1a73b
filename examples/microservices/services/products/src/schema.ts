import { z } from 'zod';

// Money is an integer number of cents: no floating-point rounding. The cap keeps
// price × quantity within the 32-bit integer column the orders service stores it in.
export const MAX_PRICE_CENTS = 10_000_000;

/** Body of POST /products. */
export const NewProductSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  priceCents: z.number().int().min(1).max(MAX_PRICE_CENTS),
});
export type NewProduct = z.infer<typeof NewProductSchema>;

export interface Product {
  id: string;
  name: string;
  priceCents: number;
  createdAt: Date;
}
