import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { createApp } from '@cqrs/platform/app';
import type { ServiceClient } from '@cqrs/platform/resilience/http-client';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import { createAuthenticator } from './auth.js';
import type { GatewayConfig } from './config.js';
import { registerGatewayHealth } from './health.js';
import { registerProxy } from './proxy.js';
import { registerSecurityHeaders } from './security-headers.js';
import { childLoggerWithTraceIds, registerRequestSpans } from './tracing.js';

export interface GatewayDependencies {
  config: Pick<
    GatewayConfig,
    'JWT_SECRET' | 'PUBLIC_ROUTES' | 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_MS' | 'BODY_LIMIT_BYTES' | 'CORS_ORIGINS'
  >;
  /** One per service of the routing table, by name. */
  clients: ReadonlyMap<string, ServiceClient>;
  logger: FastifyBaseLogger;
  registry: Registry;
}

/**
 * The gateway as a Fastify instance, without listening. Every response gets security headers
 * and, when origins are configured, CORS; /api/* additionally passes, in this order, the rate limit (so floods cost no signature
 * checks), authentication, and the proxy. Health and metrics are for the platform, not the API.
 */
export async function buildGateway({ config, clients, logger, registry }: GatewayDependencies): Promise<FastifyInstance> {
  const app = createApp({ logger, registry, bodyLimit: config.BODY_LIMIT_BYTES, childLoggerFactory: childLoggerWithTraceIds });
  registerRequestSpans(app);
  registerSecurityHeaders(app);
  // Browsers may call the API only from the configured origins; with none, CORS stays off.
  if (config.CORS_ORIGINS.length > 0) await app.register(cors, { origin: config.CORS_ORIGINS });
  // Counted in this process's memory: with several gateway replicas each counts its own clients
  // (pass a Redis client to @fastify/rate-limit to share the count).
  await app.register(rateLimit, { global: false, max: config.RATE_LIMIT_MAX, timeWindow: config.RATE_LIMIT_WINDOW_MS });
  registerGatewayHealth(app, clients);

  const authenticate = await createAuthenticator({ secret: config.JWT_SECRET, publicRoutes: config.PUBLIC_ROUTES });
  await app.register(async function api(scope) {
    scope.addHook('onRequest', scope.rateLimit());
    scope.addHook('onRequest', authenticate);
    // Bodies stay bytes: the proxy passes them on as they came, within the body limit.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    registerProxy(scope, clients);
  });
  return app;
}
