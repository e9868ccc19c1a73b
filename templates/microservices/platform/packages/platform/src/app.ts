import { randomUUID } from 'node:crypto';

import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Registry } from 'prom-client';

import { registerErrorHandler } from './http/error-handler.js';
import { registerMetrics } from './http/metrics.js';

export interface AppOptions {
  /** A pino logger (see logger.ts), typed as Fastify sees it so apps keep Fastify's default types. */
  logger: FastifyBaseLogger;
  registry: Registry;
  bodyLimit?: FastifyServerOptions['bodyLimit'];
}

/** The request id header: taken from the caller (the gateway sets it) and echoed on the response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A Fastify instance with what every process shares: request ids, one error shape and metrics.
 * The caller adds its health check and routes.
 */
export function createApp({ logger, registry, bodyLimit }: AppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: () => randomUUID(),
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  registerErrorHandler(app);
  registerMetrics(app, registry);
  return app;
}
