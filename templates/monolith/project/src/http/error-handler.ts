import { STATUS_CODES } from 'node:http';

import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * One error shape for every response: `{ error, message }`. Client errors (ours and Fastify's,
 * e.g. malformed JSON) keep their message; server errors are logged and answered without details.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const statusCode = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (statusCode === 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: STATUS_CODES[500], message: 'internal error' });
    }
    return reply.code(statusCode).send({ error: STATUS_CODES[statusCode], message: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: STATUS_CODES[404], message: `no route for ${request.method} ${request.url}` }),
  );
}
