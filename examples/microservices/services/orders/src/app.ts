import { createApp } from '@microservices/platform/app';
import type { Database } from '@microservices/platform/db/database';
import { probe, registerHealthRoutes } from '@microservices/platform/http/health';
import type { BreakerState } from '@microservices/platform/resilience/policy';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import { ordersRoutes } from './routes.js';

/** This service's SQL migrations; the folder sits beside src/ and dist/ alike. */
export const MIGRATIONS = new URL('../migrations/', import.meta.url);

/**
 * What this service needs from the services it calls, in its own terms: it never imports their
 * code. server.ts implements these over HTTP through breakers; the tests pass fakes.
 */
export interface ProductsClient {
  /** The product, or undefined when the products service does not know it. */
  find(id: string): Promise<{ id: string; priceCents: number } | undefined>;
  readonly breakerState: BreakerState;
}

export interface PaymentsClient {
  charge(payment: { orderId: string; amountCents: number }): Promise<{ id: string }>;
  readonly breakerState: BreakerState;
}

export interface AppDependencies {
  db: Database;
  logger: FastifyBaseLogger;
  registry: Registry;
  products: ProductsClient;
  payments: PaymentsClient;
}

/** The service as a Fastify instance, without listening: server.ts serves it, tests inject into it. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = createApp({ logger: deps.logger, registry: deps.registry });
  registerHealthRoutes(app, async () => {
    const database = await probe(() => deps.db.ping());
    return {
      // Ready when its own database answers. The services it calls do not decide it: while one is
      // down, an open breaker answers for it, and this service still serves everything else.
      ready: database.ok,
      details: {
        database: database.status,
        breakers: { products: deps.products.breakerState, payments: deps.payments.breakerState },
      },
    };
  });
  await app.register(ordersRoutes(deps), { prefix: '/orders' });
  return app;
}
