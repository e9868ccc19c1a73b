import { randomUUID } from 'node:crypto';

import { UpstreamUnavailableError } from '@microservices/platform/errors';
import { createRegistry } from '@microservices/platform/http/metrics';
import { describeEachBackend, silentLogger } from '@microservices/platform/testing/backends';
import { expect, it } from 'vitest';

import { buildApp, MIGRATIONS, type PaymentsClient, type ProductsClient } from '../src/app.js';

/** The products service, as far as orders sees it: one product, priced 450. */
const TEA = { id: randomUUID(), priceCents: 450 };
const products: ProductsClient = {
  find: async (id) => (id === TEA.id ? TEA : undefined),
  breakerState: 'closed',
};

/** The payments service: records each charge, or fails like a payments service that is down. */
const charges: { orderId: string; amountCents: number }[] = [];
let paymentsDown = false;
const payments: PaymentsClient = {
  async charge(payment) {
    if (paymentsDown) throw new UpstreamUnavailableError('payments is unavailable (circuit open)', 10);
    charges.push(payment);
    return { id: randomUUID() };
  },
  get breakerState() {
    return paymentsDown ? 'open' : 'closed';
  },
};

const service = {
  migrations: [MIGRATIONS],
  buildApp: (db: Parameters<typeof buildApp>[0]['db']) =>
    buildApp({ db, logger: silentLogger, registry: createRegistry(), products, payments }),
};

describeEachBackend('orders routes', service, (ctx) => {
  const validBody = async (): Promise<object> => ({ productId: TEA.id, quantity: 2 });
  const invalidBody = { body: { productId: TEA.id, quantity: 0 }, field: 'quantity' };

  it('creates a record and reads it back, alone and in the list', async () => {
    const body = await validBody();
    const created = await ctx.app.inject({ method: 'POST', url: '/orders', payload: body });
    expect(created.statusCode).toBe(201);
    const record = created.json<{ id: string }>();
    expect(record).toMatchObject(body);
    expect(created.headers.location).toBe(`/orders/${record.id}`);

    const read = await ctx.app.inject({ url: `/orders/${record.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(record);

    const list = await ctx.app.inject({ url: '/orders' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toContainEqual(record);
  });

  it('answers 404 for an id that does not exist', async () => {
    const response = await ctx.app.inject({ url: `/orders/${randomUUID()}` });
    expect(response.statusCode).toBe(404);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const response = await ctx.app.inject({ url: '/orders/42' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: expect.stringContaining('id') });
  });

  it('answers 400 naming the field of an invalid body, and writes nothing', async () => {
    const before = await ctx.app.inject({ url: '/orders' });
    const response = await ctx.app.inject({ method: 'POST', url: '/orders', payload: invalidBody.body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: expect.stringContaining(invalidBody.field) });
    const after = await ctx.app.inject({ url: '/orders' });
    expect(after.json()).toEqual(before.json());
  });

  it('answers 400 for a field it does not know', async () => {
    const body = { ...(await validBody()), unexpected: true };
    const response = await ctx.app.inject({ method: 'POST', url: '/orders', payload: body });
    expect(response.statusCode).toBe(400);
  });

  it('is ready when its database answers, and echoes the request id', async () => {
    const response = await ctx.app.inject({ url: '/health/ready', headers: { 'x-request-id': 'req-1' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(response.headers['x-request-id']).toBe('req-1');
  });

  it('places an order: charges price × quantity through the payments service', async () => {
    const placed = await ctx.app.inject({ method: 'POST', url: '/orders', payload: { productId: TEA.id, quantity: 3 } });
    expect(placed.statusCode).toBe(201);
    const order = placed.json<{ id: string; totalCents: number; paymentId: string }>();
    expect(order.totalCents).toBe(1350);
    expect(charges).toContainEqual({ orderId: order.id, amountCents: 1350 });
  });

  it('refuses an order for a product that does not exist with 422, and charges nothing', async () => {
    const chargesBefore = charges.length;
    const placed = await ctx.app.inject({ method: 'POST', url: '/orders', payload: { productId: randomUUID(), quantity: 1 } });
    expect(placed.statusCode).toBe(422);
    expect(placed.json()).toMatchObject({ message: expect.stringContaining('does not exist') });
    expect(charges).toHaveLength(chargesBefore);
  });

  it('answers 503 with Retry-After while payments is down, records nothing, and shows the open breaker', async () => {
    const before = (await ctx.app.inject({ url: '/orders' })).json();
    paymentsDown = true;
    try {
      const placed = await ctx.app.inject({ method: 'POST', url: '/orders', payload: { productId: TEA.id, quantity: 1 } });
      expect(placed.statusCode).toBe(503);
      expect(placed.json()).toMatchObject({ message: 'payments is unavailable (circuit open)' });
      expect(placed.headers['retry-after']).toBe('10');
      expect((await ctx.app.inject({ url: '/orders' })).json()).toEqual(before);

      const ready = await ctx.app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ breakers: { products: 'closed', payments: 'open' } });
    } finally {
      paymentsDown = false;
    }
  });
});
