import { randomUUID } from 'node:crypto';

import { createRegistry } from '@event-driven/platform/http/metrics';
import type { EventBus } from '@event-driven/platform/messaging/bus';
import { newEvent } from '@event-driven/platform/messaging/envelope';
import { consumeEvents } from '@event-driven/platform/messaging/event-handlers';
import { describeEachBackend, silentLogger } from '@event-driven/platform/testing/backends';
import { eventServiceUnderTest, handled } from '@event-driven/platform/testing/event-service';
import { expect, it } from 'vitest';

import { buildApp, MIGRATIONS } from '../src/app.js';
import { handlers } from '../src/handlers.js';

// What starts and what undoes this service's step of the order saga: other services' events.
const RESERVE = 'order.placed';
const RELEASE = 'payment.failed';

let bus: EventBus;
const service = eventServiceUnderTest(MIGRATIONS, ['stock.reserved', 'stock.rejected', 'stock.released'], async (deps) => {
  bus = deps.bus;
  const registry = createRegistry();
  const consumer = await consumeEvents(deps.bus, deps.db, 'products', handlers, {
    logger: silentLogger,
    registry,
    afterCommit: () => deps.outbox.notify(),
  });
  const app = await buildApp({ ...deps, logger: silentLogger, registry, deadLetters: consumer });
  app.addHook('onClose', () => consumer.close());
  return app;
});

describeEachBackend('products', service, (ctx) => {
  async function product(stock: number): Promise<string> {
    const response = await ctx.app.inject({ method: 'POST', url: '/products', payload: { name: 'Tea', priceCents: 450, stock } });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  const stockOf = async (id: string): Promise<number> => (await ctx.app.inject({ method: 'GET', url: `/products/${id}` })).json().stock;

  /** Delivers the event to the service and waits until its consumer has handled it. */
  async function deliver(event: ReturnType<typeof newEvent>): Promise<void> {
    await bus.publish([event]);
    await handled(ctx.db, 'products', event.id);
  }

  it('reserves the stock an order needs and prices it', async () => {
    const productId = await product(5);
    const orderId = randomUUID();
    await deliver(newEvent(RESERVE, orderId, { orderId, productId, quantity: 2 }));
    expect(await stockOf(productId)).toBe(3);
    const reserved = await service.published.next('stock.reserved', orderId);
    expect(reserved.payload).toMatchObject({ orderId, productId, quantity: 2, amountCents: 900 });
  });

  it('rejects an order the stock cannot cover, or for an unknown product, and keeps the stock', async () => {
    const productId = await product(1);
    const tooMany = randomUUID();
    await deliver(newEvent(RESERVE, tooMany, { orderId: tooMany, productId, quantity: 2 }));
    expect((await service.published.next('stock.rejected', tooMany)).payload).toMatchObject({ reason: 'out of stock' });

    const unknown = randomUUID();
    await deliver(newEvent(RESERVE, unknown, { orderId: unknown, productId: randomUUID(), quantity: 1 }));
    expect((await service.published.next('stock.rejected', unknown)).payload).toMatchObject({ reason: expect.stringMatching(/does not exist/) });
    expect(await stockOf(productId)).toBe(1);
  });

  it('gives the stock back when the payment fails (compensation), once', async () => {
    const productId = await product(5);
    const orderId = randomUUID();
    await deliver(newEvent(RESERVE, orderId, { orderId, productId, quantity: 2 }));
    await deliver(newEvent(RELEASE, orderId, { orderId, reason: 'declined' }));
    expect(await stockOf(productId)).toBe(5);
    await service.published.next('stock.released', orderId);

    // The same failure announced again (a new event, so the inbox does not stop it) releases nothing more.
    await deliver(newEvent(RELEASE, orderId, { orderId, reason: 'declined' }));
    expect(await stockOf(productId)).toBe(5);
  });

  it('never oversells: of two orders for the last unit, one is rejected', async () => {
    const productId = await product(1);
    const [first, second] = [randomUUID(), randomUUID()];
    await bus.publish([
      newEvent(RESERVE, first, { orderId: first, productId, quantity: 1 }),
      newEvent(RESERVE, second, { orderId: second, productId, quantity: 1 }),
    ]);
    const outcomes = await Promise.all([first, second].map((id) => Promise.any([service.published.next('stock.reserved', id), service.published.next('stock.rejected', id)])));
    expect(outcomes.map((event) => event.type).sort()).toEqual(['stock.rejected', 'stock.reserved']);
    expect(await stockOf(productId)).toBe(0);
  });

  it('rejects a negative stock with 400, naming the field', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/products', payload: { name: 'Tea', priceCents: 450, stock: -1 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/stock/);
  });
});
