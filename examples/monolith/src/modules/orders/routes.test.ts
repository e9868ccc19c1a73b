import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import { describeEachBackend, type TestContext } from '../../../test/support/backends.js';
import { createProductsModule } from '../products/index.js';
import { createOrdersModule } from './index.js';

describeEachBackend('orders routes', (ctx) => {
  const validBody = async (): Promise<object> => ({ productId: await createProduct(ctx, 450), quantity: 2 });
  const invalidBody = { body: { productId: randomUUID(), quantity: 0 }, field: 'quantity' };

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

  it('places an order: charges price × quantity through the payments module', async () => {
    const productId = await createProduct(ctx, 450);
    const placed = await ctx.app.inject({ method: 'POST', url: '/orders', payload: { productId, quantity: 3 } });
    expect(placed.statusCode).toBe(201);
    const order = placed.json<{ id: string; totalCents: number }>();
    expect(order.totalCents).toBe(1350);

    expect(await listPayments(ctx)).toContainEqual(expect.objectContaining({ orderId: order.id, amountCents: 1350 }));
  });

  it('refuses an order for a product that does not exist with 422, and writes nothing', async () => {
    const before = await snapshot(ctx);
    const placed = await ctx.app.inject({
      method: 'POST',
      url: '/orders',
      payload: { productId: randomUUID(), quantity: 1 },
    });
    expect(placed.statusCode).toBe(422);
    expect(placed.json()).toMatchObject({ message: expect.stringContaining('does not exist') });
    expect(await snapshot(ctx)).toEqual(before);
  });

  it('rolls the order back when the charge fails', async () => {
    const productId = await createProduct(ctx, 450);
    const before = await snapshot(ctx);
    const failingPayments = {
      create: async () => {
        throw new Error('card declined');
      },
      getById: async () => undefined,
      list: async () => [],
    };
    const orders = createOrdersModule({
      db: ctx.db,
      products: createProductsModule({ db: ctx.db }).api,
      payments: failingPayments,
    });

    await expect(orders.api.create({ productId, quantity: 1 })).rejects.toThrow('card declined');
    expect(await snapshot(ctx)).toEqual(before);
  });
});

async function createProduct(ctx: TestContext, priceCents: number): Promise<string> {
  const response = await ctx.app.inject({ method: 'POST', url: '/products', payload: { name: 'Tea', priceCents } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function listPayments(ctx: TestContext): Promise<unknown> {
  return (await ctx.app.inject({ url: '/payments' })).json();
}

/** Every order and payment, to show that a failed placement changed neither. */
async function snapshot(ctx: TestContext): Promise<{ orders: unknown; payments: unknown }> {
  const [orders, payments] = await Promise.all([ctx.app.inject({ url: '/orders' }), listPayments(ctx)]);
  return { orders: orders.json(), payments };
}
