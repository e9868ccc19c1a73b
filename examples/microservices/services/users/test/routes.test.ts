import { randomUUID } from 'node:crypto';

import { createRegistry } from '@microservices/platform/http/metrics';
import { describeEachBackend, silentLogger } from '@microservices/platform/testing/backends';
import { expect, it } from 'vitest';

import { buildApp, MIGRATIONS } from '../src/app.js';

const service = {
  migrations: [MIGRATIONS],
  buildApp: (db: Parameters<typeof buildApp>[0]['db']) => buildApp({ db, logger: silentLogger, registry: createRegistry() }),
};

describeEachBackend('users routes', service, (ctx) => {
  const validBody = async (): Promise<object> => ({ name: 'First user' });
  const invalidBody = { body: { name: '' }, field: 'name' };

  it('creates a record and reads it back, alone and in the list', async () => {
    const body = await validBody();
    const created = await ctx.app.inject({ method: 'POST', url: '/users', payload: body });
    expect(created.statusCode).toBe(201);
    const record = created.json<{ id: string }>();
    expect(record).toMatchObject(body);
    expect(created.headers.location).toBe(`/users/${record.id}`);

    const read = await ctx.app.inject({ url: `/users/${record.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(record);

    const list = await ctx.app.inject({ url: '/users' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toContainEqual(record);
  });

  it('answers 404 for an id that does not exist', async () => {
    const response = await ctx.app.inject({ url: `/users/${randomUUID()}` });
    expect(response.statusCode).toBe(404);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const response = await ctx.app.inject({ url: '/users/42' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: expect.stringContaining('id') });
  });

  it('answers 400 naming the field of an invalid body, and writes nothing', async () => {
    const before = await ctx.app.inject({ url: '/users' });
    const response = await ctx.app.inject({ method: 'POST', url: '/users', payload: invalidBody.body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: expect.stringContaining(invalidBody.field) });
    const after = await ctx.app.inject({ url: '/users' });
    expect(after.json()).toEqual(before.json());
  });

  it('answers 400 for a field it does not know', async () => {
    const body = { ...(await validBody()), unexpected: true };
    const response = await ctx.app.inject({ method: 'POST', url: '/users', payload: body });
    expect(response.statusCode).toBe(400);
  });

  it('is ready when its database answers, and echoes the request id', async () => {
    const response = await ctx.app.inject({ url: '/health/ready', headers: { 'x-request-id': 'req-1' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(response.headers['x-request-id']).toBe('req-1');
  });
});
