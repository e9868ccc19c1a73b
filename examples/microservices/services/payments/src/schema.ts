import { z } from 'zod';

/** Body of POST /payments, and what the orders service charges. */
export const NewPaymentSchema = z.strictObject({
  orderId: z.uuid(),
  amountCents: z.number().int().min(1).max(2_147_483_647),
});
export type NewPayment = z.infer<typeof NewPaymentSchema>;

export interface Payment {
  id: string;
  orderId: string;
  amountCents: number;
  createdAt: Date;
}
