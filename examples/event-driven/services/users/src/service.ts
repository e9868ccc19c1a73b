import { databaseOptions, openDatabase } from '@event-driven/platform/db/database';
import { migrate } from '@event-driven/platform/db/migrate';
import { createRegistry } from '@event-driven/platform/http/metrics';
import type { EventBus } from '@event-driven/platform/messaging/bus';
import { MESSAGING_MIGRATIONS } from '@event-driven/platform/messaging/migrations';
import { startOutboxRelay } from '@event-driven/platform/messaging/outbox';
import type { Running } from '@event-driven/platform/server';
import type { Logger } from 'pino';

import { buildApp, MIGRATIONS } from './app.js';
import type { ServiceConfig } from './config.js';

/**
 * The service with all it runs, not yet listening: its database, the outbox relay that publishes
 * what it commits, and its HTTP app.
 * Its own process serves it (server.ts), and so does the one-process development host
 * (scripts/host.ts).
 */
export async function openService(config: ServiceConfig, { logger, bus }: { logger: Logger; bus: EventBus }): Promise<Running> {
  const db = await openDatabase(databaseOptions(config), logger);
  const applied = [
    ...(await migrate(db, MESSAGING_MIGRATIONS)),
    ...(await migrate(db, MIGRATIONS)),
  ];
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  const registry = createRegistry();
  const outbox = startOutboxRelay(db, bus, { logger, registry });
  const app = await buildApp({ db, logger, registry, bus, outbox });
  return {
    app,
    close: async () => {
      await outbox.close();
      await db.close();
    },
  };
}
