import { STATUS_CODES } from 'node:http';

import type { FastifyError, FastifyInstance } from 'fastify';

import { ExpectedError, UpstreamUnavailableError } from '../errors.js';

/**
 * One error shape for every response: `{ error, message }`. Client errors (ours and Fastify's,
 * e.g. malformed JSON) and the errors we expect (an upstream that is down) keep their message;
 * anything else is a bug, logged and answered 500 without details.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const expected = error instanceof ExpectedError || (error.statusCode !== undefined && error.statusCode < 500);
    if (!expected) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: STATUS_CODES[500], message: 'internal error' });
    }
    const statusCode = error.statusCode ?? 500;
    if (error instanceof UpstreamUnavailableError) {
      request.log.warn({ reason: error.message }, 'upstream unavailable');
      // Clients may come back once the breaker has had time to probe the upstream again.
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', error.retryAfterSeconds);
    }
    return reply.code(statusCode).send({ error: STATUS_CODES[statusCode], message: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: STATUS_CODES[404], message: `no route for ${request.method} ${request.url}` }),
  );
}
