import type { Queryable } from '@microservices/platform/db/database';

import type { Product, NewProduct } from './schema.js';

// The columns under the property names of Product, so a row needs no mapping.
const COLUMNS = 'id, name, price_cents AS "priceCents", created_at AS "createdAt"';

export async function insertProduct(db: Queryable, input: NewProduct): Promise<Product> {
  const { rows } = await db.query<Product>(
    `INSERT INTO "products" (name, price_cents) VALUES ($1, $2) RETURNING ${COLUMNS}`,
    [input.name, input.priceCents],
  );
  return rows[0]!; // INSERT … RETURNING yields the inserted row
}

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function findProductById(db: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM "products" WHERE id = $1`, [id]);
  return rows[0];
}

export async function listProducts(db: Queryable): Promise<Product[]> {
  const { rows } = await db.query<Product>(
    `SELECT ${COLUMNS} FROM "products" ORDER BY created_at, id LIMIT ${LIST_LIMIT}`,
  );
  return rows;
}
