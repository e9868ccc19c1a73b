import { createApp } from '@event-driven/platform/app';
import type { Database } from '@event-driven/platform/db/database';
import { probe, registerHealthRoutes } from '@event-driven/platform/http/health';
import type { EventBus } from '@event-driven/platform/messaging/bus';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import { usersRoutes } from './routes.js';

/** This service's SQL migrations; the folder sits beside src/ and dist/ alike. */
export const MIGRATIONS = new URL('../migrations/', import.meta.url);

export interface AppDependencies {
  db: Database;
  logger: FastifyBaseLogger;
  registry: Registry;
  bus: Pick<EventBus, 'ping'>;
  /** Wakes the outbox relay after a transaction that appended events, so they leave at once. */
  outbox: { notify(): void };
}

/** The service as a Fastify instance, without listening: server.ts serves it, tests inject into it. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = createApp({ logger: deps.logger, registry: deps.registry });
  registerHealthRoutes(app, async () => {
    const [database, broker] = await Promise.all([probe(() => deps.db.ping()), probe(() => deps.bus.ping())]);
    return {
      // Ready when its own database answers. A broker that is down does not decide it: events
      // wait in the outbox until it is back, and requests are still served.
      ready: database.ok,
      degraded: !broker.ok,
      details: { database: database.status, broker: broker.status },
    };
  });
  await app.register(usersRoutes(deps), { prefix: '/users' });
  return app;
}
