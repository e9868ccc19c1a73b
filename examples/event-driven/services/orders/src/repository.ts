import type { Queryable } from '@event-driven/platform/db/database';

import type { NewOrder, Order } from './schema.js';

// The columns under the property names of Order, so a row needs no mapping.
const COLUMNS = `id, product_id AS "productId", quantity, status, total_cents AS "totalCents",
  payment_id AS "paymentId", reason, created_at AS "createdAt", updated_at AS "updatedAt"`;

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function insertOrder(db: Queryable, order: NewOrder & { id: string }): Promise<Order> {
  const { rows } = await db.query<Order>(
    `INSERT INTO "orders" (id, product_id, quantity) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [order.id, order.productId, order.quantity],
  );
  return rows[0]!; // INSERT … RETURNING yields the inserted row
}

/**
 * Moves a pending order to its outcome. Returns false when the order is not pending (or not
 * known): the outcome of a saga is decided once, so a late or repeated event changes nothing.
 */
export async function settleOrder(
  db: Queryable,
  id: string,
  outcome: { status: 'confirmed'; totalCents: number; paymentId: string } | { status: 'cancelled'; reason: string },
): Promise<boolean> {
  const { rowCount } =
    outcome.status === 'confirmed'
      ? await db.query(
          `UPDATE "orders" SET status = 'confirmed', total_cents = $2, payment_id = $3, updated_at = now()
           WHERE id = $1 AND status = 'pending'`,
          [id, outcome.totalCents, outcome.paymentId],
        )
      : await db.query(
          `UPDATE "orders" SET status = 'cancelled', reason = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [id, outcome.reason],
        );
  return rowCount === 1;
}

export async function findOrderById(db: Queryable, id: string): Promise<Order | undefined> {
  const { rows } = await db.query<Order>(`SELECT ${COLUMNS} FROM "orders" WHERE id = $1`, [id]);
  return rows[0];
}

export async function listOrders(db: Queryable): Promise<Order[]> {
  const { rows } = await db.query<Order>(`SELECT ${COLUMNS} FROM "orders" ORDER BY created_at, id LIMIT ${LIST_LIMIT}`);
  return rows;
}
