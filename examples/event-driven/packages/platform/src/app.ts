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
  /** How each request's logger is made, e.g. with the request's trace ids bound. */
  childLoggerFactory?: FastifyServerOptions['childLoggerFactory'];
}

/** The request id header: taken from the caller (the gateway sets it) and echoed on the response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A Fastify instance with what every process shares: request ids, one error shape and metrics.
 * The caller adds its health check and routes.
 */
export function createApp({ logger, registry, bodyLimit, childLoggerFactory }: AppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: () => randomUUID(),
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    ...(childLoggerFactory === undefined ? {} : { childLoggerFactory }),
  });
  // Callback-style hooks here and in metrics.ts: they run on every request, and an async hook
  // costs a promise each time.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  registerErrorHandler(app);
  registerMetrics(app, registry);
  return app;
}
