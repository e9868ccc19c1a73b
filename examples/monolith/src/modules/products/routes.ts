import type { FastifyPluginAsync } from 'fastify';

import { NotFoundError } from '../../errors.js';
import { IdParams, parseInput } from '../../http/validation.js';
import type { ProductsApi } from './index.js';
import { NewProductSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /products. */
export function createProductsRoutes(api: ProductsApi): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function productsRoutes(app) {
    app.post('/', async (request, reply) => {
      const created = await api.create(parseInput(NewProductSchema, request.body));
      return reply.code(201).header('location', `/products/${created.id}`).send(created);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await api.getById(id);
      if (found === undefined) throw new NotFoundError(`no record in products with id ${id}`);
      return found;
    });

    app.get('/', async () => api.list());
  };
}
