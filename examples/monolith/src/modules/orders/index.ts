// The public interface of the orders module: other modules import this file and no other
// file of src/modules/orders/.

import type { FastifyPluginAsync } from 'fastify';

import type { Database, Queryable } from '../../db/database.js';
import { UnprocessableError } from '../../errors.js';
import type { PaymentsApi } from '../payments/index.js';
import type { ProductsApi } from '../products/index.js';
import { findOrderById, insertOrder, listOrders } from './repository.js';
import { createOrdersRoutes } from './routes.js';
import type { Order, NewOrder } from './schema.js';

export type { Order, NewOrder };

export interface OrdersApi {
  /**
   * Places an order in one transaction: checks that the product exists, records the order and
   * charges its payment. An unknown product is an UnprocessableError and nothing is written; a
   * failed charge rolls the order back.
   */
  create(input: NewOrder): Promise<Order>;
  getById(id: string, tx?: Queryable): Promise<Order | undefined>;
  list(tx?: Queryable): Promise<Order[]>;
}

export interface OrdersModule {
  api: OrdersApi;
  /** HTTP routes; app.ts mounts them under /orders. */
  routes: FastifyPluginAsync;
}

export interface OrdersDependencies {
  db: Database;
  products: ProductsApi;
  payments: PaymentsApi;
}

export function createOrdersModule({ db, products, payments }: OrdersDependencies): OrdersModule {
  const api: OrdersApi = {
    create: (input) =>
      // One transaction across three modules' tables: the consistency a monolith gives for free.
      db.transaction(async (tx) => {
        const product = await products.getById(input.productId, tx);
        if (product === undefined) throw new UnprocessableError(`product ${input.productId} does not exist`);
        const order = await insertOrder(tx, input, product.priceCents * input.quantity);
        await payments.create({ orderId: order.id, amountCents: order.totalCents }, tx);
        return order;
      }),
    getById: (id, tx = db) => findOrderById(tx, id),
    list: (tx = db) => listOrders(tx),
  };
  return { api, routes: createOrdersRoutes(api) };
}
