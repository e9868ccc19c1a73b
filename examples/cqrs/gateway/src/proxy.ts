import { REQUEST_ID_HEADER } from '@cqrs/platform/app';
import type { ServiceClient } from '@cqrs/platform/resilience/http-client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';

import { ROUTES, upstreamPath } from './routes.js';
import { withTraceContext } from './tracing.js';

// Connection-level headers, which belong to one hop.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

// Not passed on to a service: the hop's own, and what the gateway sets itself. The token stays at
// the edge: services receive the caller's identity as x-user-id instead.
const NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  'host',
  'content-length',
  'authorization',
  'traceparent',
  'tracestate',
  REQUEST_ID_HEADER,
]);

// Not passed back to the caller: the hop's own, and the date, which the gateway's server adds.
const NOT_ANSWERED = new Set([...HOP_BY_HOP, 'date']);

/**
 * Mounts every route of the routing table: the request goes to its service through that
 * service's breaker, and the service's answer is streamed back as it is. A service that cannot
 * answer is a 503 (see ServiceClient), sent by the error handler like any other error. Bodies
 * arrive as raw bytes (see app.ts) and are passed on unparsed; the services validate them.
 *
 * The answer is written to the raw response (reply.hijack) rather than sent through reply.send:
 * buffering it in a Readable, and Fastify's send and onSend machinery, took about an eighth of the
 * gateway's CPU per request. Hooks still run: onResponse (tracing, metrics) fires when the response ends.
 */
export function registerProxy(app: FastifyInstance, clients: ReadonlyMap<string, ServiceClient>): void {
  for (const route of ROUTES) {
    const client = clients.get(route.name);
    if (client === undefined) throw new Error(`no client for the ${route.name} service`);
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      await client.forward(
        {
          method: request.method as Dispatcher.HttpMethod,
          path: upstreamPath(request.url),
          headers: forwardedHeaders(request),
          ...(request.body === undefined ? {} : { body: request.body as Buffer }),
        },
        reply.raw,
        (statusCode, rawHeaders) => {
          reply.hijack();
          reply.raw.writeHead(statusCode, answerHeaders(reply.getHeaders(), rawHeaders));
        },
      );
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

/**
 * The head of the answer, as one flat [name, value, …] list: what the gateway set on the reply
 * (request id, security, rate-limit and CORS headers), then the service's headers, but for the
 * hop-by-hop ones and those the gateway already set, which win.
 */
function answerHeaders(gatewayHeaders: Record<string, string | number | string[] | undefined>, upstream: Buffer[]): string[] {
  const headers: string[] = [];
  for (const [name, value] of Object.entries(gatewayHeaders)) {
    if (Array.isArray(value)) for (const item of value) headers.push(name, item);
    else if (value !== undefined) headers.push(name, String(value));
  }
  for (let i = 0; i < upstream.length; i += 2) {
    const name = upstream[i]!.toString('latin1').toLowerCase();
    if (!NOT_ANSWERED.has(name) && !(name in gatewayHeaders)) headers.push(name, upstream[i + 1]!.toString('latin1'));
  }
  return headers;
}
