import { NotFoundError } from '@cqrs/platform/errors';
import { loadAggregate, type PointInTime } from '@cqrs/platform/event-store/aggregate';
import { readStream } from '@cqrs/platform/event-store/store';
import { IdParams, parseInput } from '@cqrs/platform/http/validation';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';

import type { AppDependencies } from './app.js';
import { placeOrder } from './commands.js';
import { order, orderStream } from './order.js';
import { findOrderById, listOrders } from './read-model.js';
import { NewOrderSchema } from './schema.js';

/** A point in an order's history: after its version n, or as it was at a time. */
const HistoryQuery = z.union([
  z.strictObject({ version: z.coerce.number().int().min(1) }),
  z.strictObject({ at: z.iso.datetime({ offset: true }) }),
]);

/**
 * POST / places an order; GET /:id and GET / read the read model; GET /:id/events is the order's
 * audit trail and GET /:id/history its state at a version or a time (time travel), both from its
 * events. app.ts mounts them under /orders.
 */
export function ordersRoutes({ db, outbox, readModel }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function ordersRoutes(app) {
    /**
     * Places an order: `order.placed` in its new stream and in the outbox, in one transaction. The
     * answer is 202 with the order as placed; the read model (GET /orders/:id) shows it a moment
     * later, and the saga's outcome after that.
     */
    app.post('/', async (request, reply) => {
      const placed = await placeOrder(db, parseInput(NewOrderSchema, request.body));
      outbox.notify();
      readModel.notify();
      return reply.code(202).header('location', `/orders/${placed.id}`).send(placed);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await findOrderById(db, id);
      if (found === undefined) throw new NotFoundError(`no record in orders with id ${id} (yet: the read model may be a moment behind)`);
      return found;
    });

    app.get('/', async () => listOrders(db));

    app.get('/:id/events', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const events = await readStream(db, orderStream(id));
      if (events.length === 0) throw new NotFoundError(`no events of order ${id}`);
      return events.map(({ id: eventId, type, version, payload, recordedAt }) => ({ id: eventId, type, version, payload, recordedAt }));
    });

    app.get('/:id/history', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const query = parseInput(HistoryQuery, request.query);
      const at: PointInTime = 'version' in query ? { version: query.version } : { asOf: new Date(query.at) };
      const { state, version } = await loadAggregate(db, order, orderStream(id), at);
      if (version === 0) throw new NotFoundError(`order ${id} did not exist at that point`);
      return { id, version, ...state };
    });
  };
}
