import { randomUUID } from 'node:crypto';

import { NotFoundError, UnprocessableError } from '@microservices/platform/errors';
import { IdParams, parseInput } from '@microservices/platform/http/validation';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { findOrderById, insertOrder, listOrders } from './repository.js';
import { NewOrderSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /orders. */
export function ordersRoutes({ db, products, payments }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function ordersRoutes(app) {
    /**
     * Places an order: asks the products service for the price, charges price × quantity through
     * the payments service, then records the order. Both calls go over HTTP through breakers; when
     * either service is down the answer is a fast 503 and nothing is recorded. (An order whose
     * charge succeeded but whose insert failed would need a compensating refund: a saga.)
     */
    app.post('/', async (request, reply) => {
      const input = parseInput(NewOrderSchema, request.body);
      const product = await products.find(input.productId);
      if (product === undefined) throw new UnprocessableError(`product ${input.productId} does not exist`);
      const id = randomUUID();
      const totalCents = product.priceCents * input.quantity;
      const payment = await payments.charge({ orderId: id, amountCents: totalCents });
      const created = await insertOrder(db, { id, ...input, totalCents, paymentId: payment.id });
      return reply.code(201).header('location', `/orders/${created.id}`).send(created);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await findOrderById(db, id);
      if (found === undefined) throw new NotFoundError(`no record in orders with id ${id}`);
      return found;
    });

    app.get('/', async () => listOrders(db));
  };
}
