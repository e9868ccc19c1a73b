import { createApp } from '@cqrs/platform/app';
import type { Database } from '@cqrs/platform/db/database';
import { probe, registerHealthRoutes } from '@cqrs/platform/http/health';
import type { EventBus } from '@cqrs/platform/messaging/bus';
import type { ProjectionRunner } from '@cqrs/platform/projections/runner';
import { deadLetterRoutes, type DeadLetters } from '@cqrs/platform/messaging/dead-letter-routes';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import { ordersView } from './read-model.js';
import { ordersRoutes } from './routes.js';

/** This service's SQL migrations; the folder sits beside src/ and dist/ alike. */
export const MIGRATIONS = new URL('../migrations/', import.meta.url);

export interface AppDependencies {
  db: Database;
  logger: FastifyBaseLogger;
  registry: Registry;
  bus: Pick<EventBus, 'ping'>;
  /** Wakes the outbox relay after a transaction that appended events, so they leave at once. */
  outbox: { notify(): void };
  deadLetters: DeadLetters;
  /** Keeps the read model up to date from the event store; wake it after appending events. */
  readModel: Pick<ProjectionRunner, 'notify' | 'lag' | 'rebuild'>;
}

/** The service as a Fastify instance, without listening: server.ts serves it, tests inject into it. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = createApp({ logger: deps.logger, registry: deps.registry });
  registerHealthRoutes(app, async () => {
    const [database, broker] = await Promise.all([probe(() => deps.db.ping()), probe(() => deps.bus.ping())]);
    // How far the read model is behind the event store: what a query may not show yet.
    const readModel = database.ok ? await deps.readModel.lag() : [];
    return {
      // Ready when its own database answers. A broker that is down does not decide it: events
      // wait in the outbox until it is back, and requests are still served.
      ready: database.ok,
      degraded: !broker.ok,
      details: { database: database.status, broker: broker.status, readModel },
    };
  });
  await app.register(ordersRoutes(deps), { prefix: '/orders' });
  // Outside /orders, so the gateway never routes to it: an operator's endpoint.
  await app.register(deadLetterRoutes(deps.deadLetters), { prefix: '/admin/dead-letters' });
  // Replays every event into an empty read model; readers see the old one until it is done.
  app.post('/admin/read-model/rebuild', async () => {
    await deps.readModel.rebuild(ordersView.name);
    return { rebuilt: ordersView.name, lag: await deps.readModel.lag() };
  });
  return app;
}
