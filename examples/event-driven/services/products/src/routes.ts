import { NotFoundError } from '@event-driven/platform/errors';
import { IdParams, parseInput } from '@event-driven/platform/http/validation';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { findProductById, insertProduct, listProducts } from './repository.js';
import { NewProductSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /products. */
export function productsRoutes({ db }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function productsRoutes(app) {
    app.post('/', async (request, reply) => {
      const created = await insertProduct(db, parseInput(NewProductSchema, request.body));
      return reply.code(201).header('location', `/products/${created.id}`).send(created);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await findProductById(db, id);
      if (found === undefined) throw new NotFoundError(`no record in products with id ${id}`);
      return found;
    });

    app.get('/', async () => listProducts(db));
  };
}
