import { randomUUID } from 'node:crypto';

import { createRegistry } from '@event-driven/platform/http/metrics';
import type { EventBus } from '@event-driven/platform/messaging/bus';
import { newEvent } from '@event-driven/platform/messaging/envelope';
import { consumeEvents } from '@event-driven/platform/messaging/event-handlers';
import { describeEachBackend, silentLogger } from '@event-driven/platform/testing/backends';
import { eventServiceUnderTest, handled } from '@event-driven/platform/testing/event-service';
import { expect, it } from 'vitest';

import { buildApp, MIGRATIONS } from '../src/app.js';
import { paymentHandlers } from '../src/handlers.js';

const LIMIT_CENTS = 10_000;
// What asks this service to charge: the products service's event.
const CHARGE = 'stock.reserved';

let bus: EventBus;
const service = eventServiceUnderTest(MIGRATIONS, ['payment.charged', 'payment.failed'], async (deps) => {
  bus = deps.bus;
  const registry = createRegistry();
  const handlers = paymentHandlers({ PAYMENT_LIMIT_CENTS: LIMIT_CENTS });
  const consumer = await consumeEvents(deps.bus, deps.db, 'payments', handlers, {
    logger: silentLogger,
    registry,
    afterCommit: () => deps.outbox.notify(),
  });
  const app = await buildApp({ ...deps, logger: silentLogger, registry, deadLetters: consumer });
  app.addHook('onClose', () => consumer.close());
  return app;
});

describeEachBackend('payments', service, (ctx) => {
  /** Asks for a charge of `amountCents` for a new order, and waits until payments has handled it. */
  async function reserved(amountCents: number): Promise<string> {
    const orderId = randomUUID();
    const event = newEvent(CHARGE, orderId, { orderId, productId: randomUUID(), quantity: 1, amountCents });
    await bus.publish([event]);
    await handled(ctx.db, 'payments', event.id);
    return orderId;
  }

  it('charges the reserved amount and announces the payment', async () => {
    const orderId = await reserved(900);
    const charged = await service.published.next('payment.charged', orderId);
    expect(charged.payload).toMatchObject({ orderId, amountCents: 900 });
    const { paymentId } = charged.payload as { paymentId: string };
    const payment = await ctx.app.inject({ method: 'GET', url: `/payments/${paymentId}` });
    expect(payment.json()).toMatchObject({ id: paymentId, orderId, amountCents: 900 });
  });

  it('declines a charge over the limit, records no payment, and says why', async () => {
    const orderId = await reserved(LIMIT_CENTS + 1);
    const failed = await service.published.next('payment.failed', orderId);
    expect((failed.payload as { reason: string }).reason).toMatch(/declined/);
    const payments = (await ctx.app.inject({ method: 'GET', url: '/payments' })).json<{ orderId: string }[]>();
    expect(payments.some((payment) => payment.orderId === orderId)).toBe(false);
  });

  it('has no API that creates a payment: charges come from the saga only', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/payments', payload: { orderId: randomUUID(), amountCents: 1 } });
    expect(response.statusCode).toBe(404);
  });
});
