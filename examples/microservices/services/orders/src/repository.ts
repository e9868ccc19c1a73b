import type { Queryable } from '@microservices/platform/db/database';

import type { Order, NewOrder } from './schema.js';

// The columns under the property names of Order, so a row needs no mapping.
const COLUMNS =
  'id, product_id AS "productId", quantity, total_cents AS "totalCents", payment_id AS "paymentId", created_at AS "createdAt"';

/** An order whose payment has been charged; its id was chosen before the charge, which refers to it. */
export async function insertOrder(
  db: Queryable,
  order: NewOrder & { id: string; totalCents: number; paymentId: string },
): Promise<Order> {
  const { rows } = await db.query<Order>(
    `INSERT INTO "orders" (id, product_id, quantity, total_cents, payment_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [order.id, order.productId, order.quantity, order.totalCents, order.paymentId],
  );
  return rows[0]!; // INSERT … RETURNING yields the inserted row
}

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function findOrderById(db: Queryable, id: string): Promise<Order | undefined> {
  const { rows } = await db.query<Order>(`SELECT ${COLUMNS} FROM "orders" WHERE id = $1`, [id]);
  return rows[0];
}

export async function listOrders(db: Queryable): Promise<Order[]> {
  const { rows } = await db.query<Order>(
    `SELECT ${COLUMNS} FROM "orders" ORDER BY created_at, id LIMIT ${LIST_LIMIT}`,
  );
  return rows;
}
