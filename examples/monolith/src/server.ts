import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import type { Tracing } from './telemetry.js';

// Below the 10 s that `docker stop` waits before it kills the process.
const SHUTDOWN_TIMEOUT_MS = 8_000;

/** Opens the database, brings its schema up to date, serves HTTP, and stops cleanly on a signal. */
export async function startServer(config: Config, tracing: Tracing): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  let db: Database | undefined;
  try {
    db = await openDatabase(
      config.DATABASE_URL === undefined ? { pgliteDataDir: config.PGLITE_DATA_DIR } : { url: config.DATABASE_URL },
      logger,
    );
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');

    const app = await buildApp({ db, logger });
    await app.listen({ port: config.PORT, host: config.HOST });

    onShutdownSignal(logger, stopInOrder(app, db, tracing));
  } catch (error) {
    logger.fatal({ err: error }, 'startup failed');
    await db?.close().catch(() => undefined); // best effort: the startup error is the one to report
    await tracing.shutdown();
    process.exit(1);
  }
}

/** Stops accepting requests and lets those in flight finish, then closes the database, then flushes traces. */
function stopInOrder(app: FastifyInstance, db: Database, tracing: Tracing): () => Promise<void> {
  return async () => {
    await app.close();
    await db.close();
    await tracing.shutdown();
  };
}

function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>): void {
  const handle = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    // The handlers are `once`, so a second signal kills the process; a hung shutdown is cut short.
    setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    shutdown().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}
