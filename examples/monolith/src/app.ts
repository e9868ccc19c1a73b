import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import type { Database } from './db/database.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerHealthRoutes } from './http/health.js';
import { registerMetrics } from './http/metrics.js';
import { createUsersModule } from './modules/users/index.js';
import { createProductsModule } from './modules/products/index.js';
import { createOrdersModule } from './modules/orders/index.js';
import { createPaymentsModule } from './modules/payments/index.js';

export interface AppDependencies {
  db: Database;
  /** A pino logger (see logger.ts), typed as Fastify sees it so the app keeps Fastify's default types. */
  logger: FastifyBaseLogger;
}

/**
 * The whole application as a Fastify instance, without listening: server.ts serves it, and the
 * tests call it in-process. Modules are wired here and only here; a module that needs another
 * receives that module's public API.
 */
export async function buildApp({ db, logger }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: logger });
  registerErrorHandler(app);
  registerMetrics(app);
  registerHealthRoutes(app, db);

  const usersModule = createUsersModule({ db });
  const productsModule = createProductsModule({ db });
  const paymentsModule = createPaymentsModule({ db });
  // Placing an order uses products and payments, through their public APIs only.
  const ordersModule = createOrdersModule({ db, products: productsModule.api, payments: paymentsModule.api });

  await app.register(usersModule.routes, { prefix: '/users' });
  await app.register(productsModule.routes, { prefix: '/products' });
  await app.register(ordersModule.routes, { prefix: '/orders' });
  await app.register(paymentsModule.routes, { prefix: '/payments' });
  return app;
}
