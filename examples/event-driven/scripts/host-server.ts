import type { LogLevel } from '@event-driven/platform/config';
import { createLogger } from '@event-driven/platform/logger';
import type { EventBus } from '@event-driven/platform/messaging/bus';
import { createInProcessBus } from '@event-driven/platform/messaging/in-process';
import { onShutdownSignal, type Running } from '@event-driven/platform/server';
import type { Tracing } from '@event-driven/platform/telemetry';
import type { Logger } from 'pino';

export interface HostedService {
  name: string;
  config: { PORT: number; HOST: string; LOG_LEVEL: LogLevel; OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined };
  open(deps: { logger: Logger; bus: EventBus }): Promise<Running>;
}

/**
 * Opens every service on the one bus, each listening on its own port, and stops them all on
 * SIGTERM/SIGINT: first no new requests, then what each holds, then the bus, then the traces.
 */
export async function startHost(services: HostedService[], { logLevel, tracing }: { logLevel: LogLevel; tracing: Tracing }) {
  const logger = createLogger(logLevel);
  const bus = createInProcessBus();
  const running: Running[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(running.map((service) => service.app.close()));
    await Promise.all(running.map((service) => service.close()));
    await bus.close();
    await tracing.shutdown();
  };
  try {
    for (const service of services) {
      const opened = await service.open({ logger: logger.child({ service: service.name }), bus });
      running.push(opened);
      await opened.app.listen({ port: service.config.PORT, host: service.config.HOST });
    }
  } catch (error) {
    logger.fatal({ err: error }, 'startup failed');
    await stopAll().catch(() => undefined); // best effort: the startup error is the one to report
    process.exit(1);
  }
  logger.info({ services: services.map((service) => `${service.name}:${service.config.PORT}`) }, 'every service is up, in one process');
  onShutdownSignal(logger, stopAll);
}
