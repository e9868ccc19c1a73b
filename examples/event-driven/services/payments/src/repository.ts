import type { Queryable } from '@event-driven/platform/db/database';

import type { Payment } from './schema.js';

// The columns under the property names of Payment, so a row needs no mapping.
const COLUMNS = 'id, order_id AS "orderId", amount_cents AS "amountCents", created_at AS "createdAt"';

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function insertPayment(db: Queryable, input: { orderId: string; amountCents: number }): Promise<Payment> {
  const { rows } = await db.query<Payment>(
    `INSERT INTO "payments" (order_id, amount_cents) VALUES ($1, $2) RETURNING ${COLUMNS}`,
    [input.orderId, input.amountCents],
  );
  return rows[0]!; // INSERT … RETURNING yields the inserted row
}

export async function findPaymentById(db: Queryable, id: string): Promise<Payment | undefined> {
  const { rows } = await db.query<Payment>(`SELECT ${COLUMNS} FROM "payments" WHERE id = $1`, [id]);
  return rows[0];
}

export async function listPayments(db: Queryable): Promise<Payment[]> {
  const { rows } = await db.query<Payment>(`SELECT ${COLUMNS} FROM "payments" ORDER BY created_at, id LIMIT ${LIST_LIMIT}`);
  return rows;
}
