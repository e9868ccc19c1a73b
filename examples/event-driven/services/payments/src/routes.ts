import { NotFoundError } from '@event-driven/platform/errors';
import { IdParams, parseInput } from '@event-driven/platform/http/validation';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { findPaymentById, listPayments } from './repository.js';

/** GET /:id reads one, GET / lists; app.ts mounts them under /payments. Charges come from the order saga only. */
export function paymentsRoutes({ db }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function paymentsRoutes(app) {
    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await findPaymentById(db, id);
      if (found === undefined) throw new NotFoundError(`no record in payments with id ${id}`);
      return found;
    });

    app.get('/', async () => listPayments(db));
  };
}
