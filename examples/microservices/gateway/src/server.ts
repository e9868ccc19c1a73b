import { createRegistry } from '@microservices/platform/http/metrics';
import { createLogger } from '@microservices/platform/logger';
import { ServiceClient } from '@microservices/platform/resilience/http-client';
import { serve } from '@microservices/platform/server';
import type { Tracing } from '@microservices/platform/telemetry';

import { buildGateway } from './app.js';
import type { GatewayConfig } from './config.js';
import { ROUTES } from './routes.js';

/** Serves the gateway until a signal, with one resilient client per service of the routing table. */
export async function startServer(config: GatewayConfig, tracing: Tracing): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  await serve({ port: config.PORT, host: config.HOST, logger, tracing }, async () => {
    const registry = createRegistry();
    const upstreams = ROUTES.map((route) => ({
      name: route.name,
      urls: config.UPSTREAM_URLS.get(route.name) ?? route.defaultUrls,
    }));
    logger.info({ upstreams }, 'routing table');
    const clients = new Map(
      upstreams.map(({ name, urls }) => [name, new ServiceClient(name, urls, config, { logger, registry })] as const),
    );
    const app = await buildGateway({ config, clients, logger, registry });
    return {
      app,
      close: async () => {
        await Promise.all([...clients.values()].map((client) => client.close()));
      },
    };
  });
}
