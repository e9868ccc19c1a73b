import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import type { Tracing } from './telemetry.js';

// Below the 10 s that `docker stop` and Kubernetes wait before they kill the process.
const SHUTDOWN_TIMEOUT_MS = 8_000;

export interface Running {
  app: FastifyInstance;
  /** Closes what the app holds (its database), after the app has stopped taking requests. */
  close(): Promise<void>;
}

/**
 * Builds the app with `start`, serves it, and stops cleanly on SIGTERM/SIGINT: first no new
 * requests and those in flight finish, then what the app holds closes, then the traces flush.
 * A failed start is logged and exits 1.
 */
export async function serve(
  options: { port: number; host: string; logger: Logger; tracing: Tracing },
  start: () => Promise<Running>,
): Promise<void> {
  const { logger, tracing } = options;
  let running: Running | undefined;
  try {
    running = await start();
    await running.app.listen({ port: options.port, host: options.host });
  } catch (error) {
    logger.fatal({ err: error }, 'startup failed');
    await running?.close().catch(() => undefined); // best effort: the startup error is the one to report
    await tracing.shutdown();
    process.exit(1);
  }
  const { app, close } = running;
  onShutdownSignal(logger, async () => {
    await app.close();
    await close();
    await tracing.shutdown();
  });
}

/** Runs `shutdown` on the first SIGTERM or SIGINT, then exits: 0 when it succeeded, 1 otherwise. */
export function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>): void {
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
