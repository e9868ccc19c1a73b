import { NotFoundError } from '@microservices/platform/errors';
import { IdParams, parseInput } from '@microservices/platform/http/validation';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { findPaymentById, insertPayment, listPayments } from './repository.js';
import { NewPaymentSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /payments. */
export function paymentsRoutes({ db }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function paymentsRoutes(app) {
    app.post('/', async (request, reply) => {
      const created = await insertPayment(db, parseInput(NewPaymentSchema, request.body));
      return reply.code(201).header('location', `/payments/${created.id}`).send(created);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await findPaymentById(db, id);
      if (found === undefined) throw new NotFoundError(`no record in payments with id ${id}`);
      return found;
    });

    app.get('/', async () => listPayments(db));
  };
}
