import { databaseOptions, openDatabase } from '@microservices/platform/db/database';
import { migrate } from '@microservices/platform/db/migrate';
import { createRegistry } from '@microservices/platform/http/metrics';
import { createLogger } from '@microservices/platform/logger';
import { ServiceClient } from '@microservices/platform/resilience/http-client';
import { serve } from '@microservices/platform/server';
import type { Tracing } from '@microservices/platform/telemetry';

import { buildApp, MIGRATIONS, type PaymentsClient, type ProductsClient } from './app.js';
import type { ServiceConfig } from './config.js';

/** Opens this service's own database, brings its schema up to date and serves HTTP until a signal. */
export async function startServer(config: ServiceConfig, tracing: Tracing): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  await serve({ port: config.PORT, host: config.HOST, logger, tracing }, async () => {
    const db = await openDatabase(databaseOptions(config), logger);
    const applied = await migrate(db, MIGRATIONS);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const registry = createRegistry();
    const upstreams = { logger, registry };
    const products = new ServiceClient('products', config.PRODUCTS_URL, config, upstreams);
    const payments = new ServiceClient('payments', config.PAYMENTS_URL, config, upstreams);
    const app = await buildApp({
      db,
      logger,
      registry,
      products: productsClient(products),
      payments: paymentsClient(payments),
    });
    return {
      app,
      close: async () => {
        await Promise.all([products.close(), payments.close()]);
        await db.close();
      },
    };
  });
}

function productsClient(client: ServiceClient): ProductsClient {
  return {
    async find(id) {
      const response = await client.json('GET', `/products/${encodeURIComponent(id)}`);
      if (response.statusCode === 404) return undefined;
      return expectStatus(client, 200, response) as { id: string; priceCents: number };
    },
    get breakerState() {
      return client.breakerState;
    },
  };
}

function paymentsClient(client: ServiceClient): PaymentsClient {
  return {
    async charge(payment) {
      return expectStatus(client, 201, await client.json('POST', '/payments', payment)) as { id: string };
    },
    get breakerState() {
      return client.breakerState;
    },
  };
}

/** Any other answer is a bug on one side or the other: a 500 here, with the details in the log. */
function expectStatus(client: ServiceClient, expected: number, response: { statusCode: number; body: unknown }): unknown {
  if (response.statusCode !== expected) {
    throw new Error(`${client.name} answered ${response.statusCode}, expected ${expected}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
