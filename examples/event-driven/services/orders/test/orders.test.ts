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

let bus: EventBus;
const MESSAGES = ['order.placed', 'order.confirmed', 'order.cancelled'];
const service = eventServiceUnderTest(MIGRATIONS, MESSAGES, async (deps) => {
  bus = deps.bus;
  const registry = createRegistry();
  const consumer = await consumeEvents(deps.bus, deps.db, 'orders', handlers, {
    logger: silentLogger,
    registry,
    afterCommit: () => deps.outbox.notify(),
  });
  const app = await buildApp({ ...deps, logger: silentLogger, registry, deadLetters: consumer });
  app.addHook('onClose', () => consumer.close());
  return app;
});

describeEachBackend('orders', service, (ctx) => {
  async function place(): Promise<{ id: string; status: string }> {
    const response = await ctx.app.inject({ method: 'POST', url: '/orders', payload: { productId: randomUUID(), quantity: 2 } });
    expect(response.statusCode).toBe(202);
    return response.json();
  }

  /** Delivers the event to the service and waits until its consumer has handled it. */
  async function deliver(event: ReturnType<typeof newEvent>): Promise<void> {
    await bus.publish([event]);
    await handled(ctx.db, 'orders', event.id);
  }

  async function order(id: string): Promise<Record<string, unknown>> {
    return (await ctx.app.inject({ method: 'GET', url: `/orders/${id}` })).json();
  }

  it('accepts an order at once as pending and announces it with order.placed', async () => {
    const order = await place();
    expect(order.status).toBe('pending');
    const placed = await service.published.next('order.placed', order.id);
    expect(placed.payload).toMatchObject({ orderId: order.id, quantity: 2 });
  });

  it('confirms the order when its payment is charged', async () => {
    const placed = await place();
    const paymentId = randomUUID();
    await deliver(newEvent('payment.charged', placed.id, { orderId: placed.id, paymentId, amountCents: 900 }));
    expect(await order(placed.id)).toMatchObject({ status: 'confirmed', paymentId, totalCents: 900 });
    await service.published.next('order.confirmed', placed.id);
  });

  it('cancels the order when a step fails, and a late outcome changes nothing', async () => {
    const placed = await place();
    await deliver(newEvent('stock.rejected', placed.id, { orderId: placed.id, reason: 'out of stock' }));
    expect(await order(placed.id)).toMatchObject({ status: 'cancelled', reason: 'out of stock' });
    await service.published.next('order.cancelled', placed.id);

    await deliver(newEvent('payment.charged', placed.id, { orderId: placed.id, paymentId: randomUUID(), amountCents: 900 }));
    expect(await order(placed.id)).toMatchObject({ status: 'cancelled', paymentId: null });
  });

  it('sends an event that does not parse to the dead letters, and replays it once fixed', async () => {
    const placed = await place();
    const poison = newEvent('payment.charged', placed.id, { orderId: placed.id, paymentId: 'not-a-uuid', amountCents: 900 });
    await bus.publish([poison]);
    const deadline = Date.now() + 10_000;
    let letters: { event: { id: string }; error: string }[] = [];
    while (!letters.some((letter) => letter.event.id === poison.id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      letters = (await ctx.app.inject({ method: 'GET', url: '/admin/dead-letters' })).json();
    }
    expect(letters.find((letter) => letter.event.id === poison.id)?.error).toMatch(/paymentId/);
    expect((await order(placed.id)).status).toBe('pending');

    // The cause here is the payload itself, so the replay fails again, and says why.
    const replay = await ctx.app.inject({ method: 'POST', url: `/admin/dead-letters/${poison.id}/replay` });
    expect(replay.statusCode).toBe(409);
  });

  it('rejects an invalid order with 400, naming the field', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/orders', payload: { productId: randomUUID(), quantity: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/quantity/);
  });

  it('reads a 404 for an unknown order', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `/orders/${randomUUID()}` })).statusCode).toBe(404);
  });
});
