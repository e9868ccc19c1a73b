import { connectBus } from '@event-driven/platform/messaging/connect';
import { createLogger } from '@event-driven/platform/logger';
import { serve } from '@event-driven/platform/server';
import type { Tracing } from '@event-driven/platform/telemetry';

import type { ServiceConfig } from './config.js';
import { openService } from './service.js';

/** Serves this service in a process of its own, as in production, until a signal. */
export async function startServer(config: ServiceConfig, tracing: Tracing): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  if (config.BROKER_URL === undefined) {
    logger.warn('BROKER_URL is not set: events stay inside this process. `npm run dev` runs every service in one process; set BROKER_URL to run them apart');
  }
  await serve({ port: config.PORT, host: config.HOST, logger, tracing }, async () => {
    const bus = await connectBus(config.BROKER_URL, { name: config.BROKER_NAMESPACE, logger });
    try {
      const service = await openService(config, { logger, bus });
      return {
        app: service.app,
        close: async () => {
          await service.close();
          await bus.close();
        },
      };
    } catch (error) {
      await bus.close();
      throw error;
    }
  });
}
