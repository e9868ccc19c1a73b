import type { FastifyPluginAsync } from 'fastify';

import { NotFoundError } from '../../errors.js';
import { IdParams, parseInput } from '../../http/validation.js';
import type { PaymentsApi } from './index.js';
import { NewPaymentSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /payments. */
export function createPaymentsRoutes(api: PaymentsApi): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function paymentsRoutes(app) {
    app.post('/', async (request, reply) => {
      const created = await api.create(parseInput(NewPaymentSchema, request.body));
      return reply.code(201).header('location', `/payments/${created.id}`).send(created);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await api.getById(id);
      if (found === undefined) throw new NotFoundError(`no record in payments with id ${id}`);
      return found;
    });

    app.get('/', async () => api.list());
  };
}
