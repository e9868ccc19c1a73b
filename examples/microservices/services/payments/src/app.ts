import { createApp } from '@microservices/platform/app';
import type { Database } from '@microservices/platform/db/database';
import { probe, registerHealthRoutes } from '@microservices/platform/http/health';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import { paymentsRoutes } from './routes.js';

/** This service's SQL migrations; the folder sits beside src/ and dist/ alike. */
export const MIGRATIONS = new URL('../migrations/', import.meta.url);

export interface AppDependencies {
  db: Database;
  logger: FastifyBaseLogger;
  registry: Registry;
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
      details: { database: database.status },
    };
  });
  await app.register(paymentsRoutes(deps), { prefix: '/payments' });
  return app;
}
