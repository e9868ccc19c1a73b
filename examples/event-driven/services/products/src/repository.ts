import type { Queryable } from '@event-driven/platform/db/database';

import type { NewProduct, Product } from './schema.js';

// The columns under the property names of Product, so a row needs no mapping.
const COLUMNS = 'id, name, price_cents AS "priceCents", stock, created_at AS "createdAt"';

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function insertProduct(db: Queryable, input: NewProduct): Promise<Product> {
  const { rows } = await db.query<Product>(
    `INSERT INTO "products" (name, price_cents, stock) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [input.name, input.priceCents, input.stock],
  );
  return rows[0]!; // INSERT … RETURNING yields the inserted row
}

export async function findProductById(db: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM "products" WHERE id = $1`, [id]);
  return rows[0];
}

export async function listProducts(db: Queryable): Promise<Product[]> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM "products" ORDER BY created_at, id LIMIT ${LIST_LIMIT}`);
  return rows;
}

export type Reservation = { reserved: true; amountCents: number } | { reserved: false; reason: string };

/**
 * Takes `quantity` units of the product out of stock for the order, if there are enough. The
 * conditional UPDATE decides in one statement, so two orders racing for the last unit cannot
 * both win.
 */
export async function reserveStock(
  tx: Queryable,
  order: { orderId: string; productId: string; quantity: number },
): Promise<Reservation> {
  const { rows } = await tx.query<{ priceCents: number }>(
    `UPDATE "products" SET stock = stock - $2 WHERE id = $1 AND stock >= $2 RETURNING price_cents AS "priceCents"`,
    [order.productId, order.quantity],
  );
  const product = rows[0];
  if (product === undefined) {
    const known = await findProductById(tx, order.productId);
    return { reserved: false, reason: known === undefined ? `product ${order.productId} does not exist` : 'out of stock' };
  }
  await tx.query(`INSERT INTO "reservations" (order_id, product_id, quantity) VALUES ($1, $2, $3)`, [
    order.orderId,
    order.productId,
    order.quantity,
  ]);
  return { reserved: true, amountCents: product.priceCents * order.quantity };
}

/** Gives back what the order reserved. False when it reserved nothing, or was released already. */
export async function releaseStock(tx: Queryable, orderId: string): Promise<boolean> {
  const { rows } = await tx.query<{ productId: string; quantity: number }>(
    `UPDATE "reservations" SET released_at = now() WHERE order_id = $1 AND released_at IS NULL
     RETURNING product_id AS "productId", quantity`,
    [orderId],
  );
  const reservation = rows[0];
  if (reservation === undefined) return false;
  await tx.query(`UPDATE "products" SET stock = stock + $2 WHERE id = $1`, [reservation.productId, reservation.quantity]);
  return true;
}
