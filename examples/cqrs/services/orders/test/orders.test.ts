import { randomUUID } from 'node:crypto';

import { eventStoreMigrations } from '@cqrs/platform/event-store/store';
import { createRegistry } from '@cqrs/platform/http/metrics';
import { newEvent } from '@cqrs/platform/messaging/envelope';
import { consumeEvents } from '@cqrs/platform/messaging/event-handlers';
import { createInProcessBus } from '@cqrs/platform/messaging/in-process';
import { MESSAGING_MIGRATIONS } from '@cqrs/platform/messaging/migrations';
import { startOutboxRelay } from '@cqrs/platform/messaging/outbox';
import { createProjectionRunner } from '@cqrs/platform/projections/runner';
import { silentLogger } from '@cqrs/platform/testing/backends';
import { describeEachDatabase } from '@cqrs/platform/testing/databases';
import { handled, PublishedEvents } from '@cqrs/platform/testing/event-service';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildApp, MIGRATIONS } from '../src/app.js';
import { handlers } from '../src/handlers.js';
import { ordersView } from '../src/read-model.js';

// Each suite on a database of its own: the read model lives in the fixed read_model schema.
describeEachDatabase('orders (event-sourced, CQRS)', [MESSAGING_MIGRATIONS, eventStoreMigrations, MIGRATIONS], (ctx) => {
  const bus = createInProcessBus();
  const published = new PublishedEvents();
  let app: FastifyInstance;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const registry = createRegistry();
    await bus.subscribe('test-listener', ['order.placed', 'order.confirmed', 'order.cancelled'], async (event) => void published.events.push(event), {
      concurrency: 1,
      redeliveryDelayMs: () => 0,
    });
    const outbox = startOutboxRelay(ctx.db, bus, { logger: silentLogger, registry });
    const readModel = createProjectionRunner(ctx.db, [ordersView], { logger: silentLogger, registry });
    readModel.start();
    const consumer = await consumeEvents(bus, ctx.db, 'orders', handlers, {
      logger: silentLogger,
      registry,
      afterCommit: () => {
        outbox.notify();
        readModel.notify();
      },
    });
    app = await buildApp({ db: ctx.db, logger: silentLogger, registry, bus, outbox, deadLetters: consumer, readModel });
    stop = async () => {
      await app.close();
      await consumer.close();
      await readModel.stop();
      await outbox.close();
      await bus.close();
    };
  });
  afterAll(() => stop?.());

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  /** The read model's view of the order, once it shows `status`. */
  async function viewOnce(id: string, status: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { status: code, body } = await get(`/orders/${id}`);
      if (code === 200 && body.status === status) return body;
      if (Date.now() > deadline) throw new Error(`order ${id} never showed ${status}: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function place(): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/orders', payload: { productId: randomUUID(), quantity: 2 } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'pending', quantity: 2 });
    return response.json<{ id: string }>().id;
  }

  async function deliver(event: ReturnType<typeof newEvent>): Promise<void> {
    await bus.publish([event]);
    await handled(ctx.db, 'orders', event.id);
  }

  it('records an order as its first event, publishes it, and shows it in the read model', async () => {
    const id = await place();
    expect(await viewOnce(id, 'pending')).toMatchObject({ id, quantity: 2, totalCents: null });
    expect((await published.next('order.placed', id)).payload).toMatchObject({ orderId: id, quantity: 2 });
    const { body: events } = await get(`/orders/${id}/events`);
    expect(events.map((event: { type: string; version: number }) => [event.type, event.version])).toEqual([['order.placed', 1]]);
  });

  it('keeps the whole history: the audit trail, and the state at any version or time', async () => {
    const id = await place();
    await viewOnce(id, 'pending');
    const [placed] = (await get(`/orders/${id}/events`)).body as { recordedAt: string }[];
    const paymentId = randomUUID();
    await deliver(newEvent('payment.charged', id, { orderId: id, paymentId, amountCents: 900 }));
    expect(await viewOnce(id, 'confirmed')).toMatchObject({ paymentId, totalCents: 900 });

    const { body: events } = await get(`/orders/${id}/events`);
    expect(events.map((event: { type: string }) => event.type)).toEqual(['order.placed', 'order.confirmed']);
    expect((await get(`/orders/${id}/history?version=1`)).body).toMatchObject({ version: 1, status: 'pending', paymentId: null });
    expect((await get(`/orders/${id}/history?version=2`)).body).toMatchObject({ version: 2, status: 'confirmed', paymentId });
    expect((await get(`/orders/${id}/history?at=${placed!.recordedAt}`)).body).toMatchObject({ version: 1, status: 'pending' });
    expect((await get(`/orders/${id}/history?at=2000-01-01T00:00:00Z`)).status).toBe(404);
  });

  it('decides an outcome once: a late event appends nothing', async () => {
    const id = await place();
    await deliver(newEvent('stock.rejected', id, { orderId: id, reason: 'out of stock' }));
    await viewOnce(id, 'cancelled');
    await deliver(newEvent('payment.charged', id, { orderId: id, paymentId: randomUUID(), amountCents: 900 }));
    const { body: events } = await get(`/orders/${id}/events`);
    expect(events.map((event: { type: string }) => event.type)).toEqual(['order.placed', 'order.cancelled']);
  });

  it('rebuilds the read model from the events: equal to the live one, whatever happened to it', async () => {
    const ids = [await place(), await place()];
    await deliver(newEvent('payment.charged', ids[0]!, { orderId: ids[0], paymentId: randomUUID(), amountCents: 900 }));
    await viewOnce(ids[0]!, 'confirmed');
    await viewOnce(ids[1]!, 'pending');
    const live = (await get('/orders')).body;

    await ctx.db.query(`UPDATE read_model.orders SET status = 'lost', quantity = 0`);
    const rebuilt = await app.inject({ method: 'POST', url: '/admin/read-model/rebuild' });
    expect(rebuilt.statusCode).toBe(200);
    expect((await get('/orders')).body).toEqual(live);
  });

  it('shows how far the read model is behind in its readiness', async () => {
    const { status, body } = await get('/health/ready');
    expect(status).toBe(200);
    expect(body.readModel).toEqual([expect.objectContaining({ projection: 'orders-view', events: expect.any(Number) })]);
  });
});
