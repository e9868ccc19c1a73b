import { randomUUID } from 'node:crypto';

import { NotFoundError } from '@event-driven/platform/errors';
import { IdParams, parseInput } from '@event-driven/platform/http/validation';
import { appendToOutbox } from '@event-driven/platform/messaging/outbox';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { orderPlaced } from './events.js';
import { findOrderById, insertOrder, listOrders } from './repository.js';
import { NewOrderSchema } from './schema.js';

/** POST / places an order, GET /:id reads one, GET / lists; app.ts mounts them under /orders. */
export function ordersRoutes({ db, outbox }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function ordersRoutes(app) {
    /**
     * Places an order: records it as pending and, in the same transaction, the `order.placed`
     * event that starts the saga. The answer is 202: the order exists, its outcome comes later
     * (poll GET /orders/:id). Nothing waits for another service, so this works while they are down.
     */
    app.post('/', async (request, reply) => {
      const input = parseInput(NewOrderSchema, request.body);
      const order = await db.transaction(async (tx) => {
        const created = await insertOrder(tx, { id: randomUUID(), ...input });
        await appendToOutbox(tx, [orderPlaced(created)]);
        return created;
      });
      outbox.notify();
      return reply.code(202).header('location', `/orders/${order.id}`).send(order);
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
