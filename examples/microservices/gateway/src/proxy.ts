import type { IncomingHttpHeaders } from 'node:http';

import { REQUEST_ID_HEADER } from '@microservices/platform/app';
import type { ServiceClient } from '@microservices/platform/resilience/http-client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';

import { ROUTES, upstreamPath } from './routes.js';
import { withTraceContext } from './tracing.js';

// Connection-level headers, which belong to one hop, and what the gateway sets itself. The token
// stays at the edge: services receive the caller's identity as x-user-id instead.
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'authorization',
  'traceparent',
  'tracestate',
  REQUEST_ID_HEADER,
]);

/**
 * Mounts every route of the routing table: the request goes to its service through that
 * service's breaker, and the service's answer comes back as it is. A service that cannot answer
 * is a 503 (see ServiceClient). Bodies arrive as raw bytes (see app.ts) and are passed on
 * unparsed; the services validate them.
 */
export function registerProxy(app: FastifyInstance, clients: ReadonlyMap<string, ServiceClient>): void {
  for (const route of ROUTES) {
    const client = clients.get(route.name);
    if (client === undefined) throw new Error(`no client for the ${route.name} service`);
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const response = await client.request({
        method: request.method as Dispatcher.HttpMethod,
        path: upstreamPath(request.url),
        headers: forwardedHeaders(request),
        ...(request.body === undefined ? {} : { body: request.body as Buffer }),
      });
      return reply.code(response.statusCode).headers(answerHeaders(response.headers)).send(response.body);
    };
    app.all(route.prefix, forward);
    app.all(`${route.prefix}/*`, forward);
  }
}

function forwardedHeaders(request: FastifyRequest): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!NOT_FORWARDED.has(name)) headers[name] = value;
  }
  headers[REQUEST_ID_HEADER] = request.id;
  headers['x-forwarded-for'] = request.ip;
  if (request.userId !== undefined) headers['x-user-id'] = request.userId;
  return withTraceContext(request, headers);
}

function answerHeaders(upstream: IncomingHttpHeaders): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (!NOT_FORWARDED.has(name) && name !== 'date') headers[name] = value;
  }
  return headers;
}
