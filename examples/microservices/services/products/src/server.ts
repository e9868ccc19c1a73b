import { databaseOptions, openDatabase } from '@microservices/platform/db/database';
import { migrate } from '@microservices/platform/db/migrate';
import { createRegistry } from '@microservices/platform/http/metrics';
import { createLogger } from '@microservices/platform/logger';
import { serve } from '@microservices/platform/server';
import type { Tracing } from '@microservices/platform/telemetry';

import { buildApp, MIGRATIONS } from './app.js';
import type { ServiceConfig } from './config.js';

/** Opens this service's own database, brings its schema up to date and serves HTTP until a signal. */
export async function startServer(config: ServiceConfig, tracing: Tracing): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  await serve({ port: config.PORT, host: config.HOST, logger, tracing }, async () => {
    const db = await openDatabase(databaseOptions(config), logger);
    const applied = await migrate(db, MIGRATIONS);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const registry = createRegistry();
    const app = await buildApp({ db, logger, registry });
    return { app, close: () => db.close() };
  });
}
