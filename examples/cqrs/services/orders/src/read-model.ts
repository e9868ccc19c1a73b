import type { Queryable } from '@cqrs/platform/db/database';
import type { Projection } from '@cqrs/platform/projections/projection';

import type { OrderEvent } from './order.js';
import type { Order } from './schema.js';

/**
 * The orders-view projection: each order's row in read_model.orders, from its events. It applies
 * what it knows and ignores the rest, so a new kind of event never breaks it.
 */
export const ordersView: Projection = {
  name: 'orders-view',
  tables: ['read_model.orders'],
  async apply(tx, stored) {
    const event = stored as OrderEvent; // this service's store holds its orders' events only
    switch (event.type) {
      case 'order.placed':
        await tx.query(
          `INSERT INTO read_model.orders (id, product_id, quantity, status, version, created_at, updated_at)
           VALUES ($1, $2, $3, 'pending', $4, $5, $5)`,
          [event.payload.orderId, event.payload.productId, event.payload.quantity, event.version, event.recordedAt],
        );
        return;
      case 'order.confirmed':
        await tx.query(
          `UPDATE read_model.orders SET status = 'confirmed', total_cents = $2, payment_id = $3, version = $4, updated_at = $5
           WHERE id = $1`,
          [event.payload.orderId, event.payload.amountCents, event.payload.paymentId, event.version, event.recordedAt],
        );
        return;
      case 'order.cancelled':
        await tx.query(
          `UPDATE read_model.orders SET status = 'cancelled', reason = $2, version = $3, updated_at = $4 WHERE id = $1`,
          [event.payload.orderId, event.payload.reason, event.version, event.recordedAt],
        );
        return;
    }
  },
};

// The columns under the property names of Order, so a row needs no mapping.
const COLUMNS = `id, product_id AS "productId", quantity, status, total_cents AS "totalCents",
  payment_id AS "paymentId", reason, created_at AS "createdAt", updated_at AS "updatedAt"`;

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function findOrderById(db: Queryable, id: string): Promise<Order | undefined> {
  const { rows } = await db.query<Order>(`SELECT ${COLUMNS} FROM read_model.orders WHERE id = $1`, [id]);
  return rows[0];
}

export async function listOrders(db: Queryable): Promise<Order[]> {
  const { rows } = await db.query<Order>(`SELECT ${COLUMNS} FROM read_model.orders ORDER BY created_at, id LIMIT ${LIST_LIMIT}`);
  return rows;
}
