/** A charge, made by the order saga; there is no API to create one directly. */
export interface Payment {
  id: string;
  orderId: string;
  amountCents: number;
  createdAt: Date;
}
