// The public interface of the products module: other modules import this file and no other
// file of src/modules/products/.

import type { FastifyPluginAsync } from 'fastify';

import type { Database, Queryable } from '../../db/database.js';
import { findProductById, insertProduct, listProducts } from './repository.js';
import { createProductsRoutes } from './routes.js';
import type { Product, NewProduct } from './schema.js';

export type { Product, NewProduct };

/** Each operation runs on the database, or inside a caller's transaction when given its `tx`. */
export interface ProductsApi {
  create(input: NewProduct, tx?: Queryable): Promise<Product>;
  getById(id: string, tx?: Queryable): Promise<Product | undefined>;
  list(tx?: Queryable): Promise<Product[]>;
}

export interface ProductsModule {
  api: ProductsApi;
  /** HTTP routes; app.ts mounts them under /products. */
  routes: FastifyPluginAsync;
}

export function createProductsModule({ db }: { db: Database }): ProductsModule {
  const api: ProductsApi = {
    create: (input, tx = db) => insertProduct(tx, input),
    getById: (id, tx = db) => findProductById(tx, id),
    list: (tx = db) => listProducts(tx),
  };
  return { api, routes: createProductsRoutes(api) };
}
