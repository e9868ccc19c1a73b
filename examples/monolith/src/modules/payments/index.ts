// The public interface of the payments module: other modules import this file and no other
// file of src/modules/payments/.

import type { FastifyPluginAsync } from 'fastify';

import type { Database, Queryable } from '../../db/database.js';
import { findPaymentById, insertPayment, listPayments } from './repository.js';
import { createPaymentsRoutes } from './routes.js';
import type { Payment, NewPayment } from './schema.js';

export type { Payment, NewPayment };

/** Each operation runs on the database, or inside a caller's transaction when given its `tx`. */
export interface PaymentsApi {
  create(input: NewPayment, tx?: Queryable): Promise<Payment>;
  getById(id: string, tx?: Queryable): Promise<Payment | undefined>;
  list(tx?: Queryable): Promise<Payment[]>;
}

export interface PaymentsModule {
  api: PaymentsApi;
  /** HTTP routes; app.ts mounts them under /payments. */
  routes: FastifyPluginAsync;
}

export function createPaymentsModule({ db }: { db: Database }): PaymentsModule {
  const api: PaymentsApi = {
    create: (input, tx = db) => insertPayment(tx, input),
    getById: (id, tx = db) => findPaymentById(tx, id),
    list: (tx = db) => listPayments(tx),
  };
  return { api, routes: createPaymentsRoutes(api) };
}
