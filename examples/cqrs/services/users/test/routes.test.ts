import { randomUUID } from 'node:crypto';

import { createRegistry } from '@cqrs/platform/http/metrics';
import { describeEachBackend, silentLogger } from '@cqrs/platform/testing/backends';
import { eventServiceUnderTest } from '@cqrs/platform/testing/event-service';
import { expect, it } from 'vitest';

import { buildApp, MIGRATIONS } from '../src/app.js';

const service = eventServiceUnderTest(MIGRATIONS, ['user.created'], async (deps) =>
  buildApp({ ...deps, logger: silentLogger, registry: createRegistry() }),
);

describeEachBackend('users', service, (ctx) => {
  it('creates a record, reads it back, and announces it with user.created', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/users', payload: { name: 'First' } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(created.headers.location).toBe(`/users/${id}`);

    expect((await ctx.app.inject({ method: 'GET', url: `/users/${id}` })).json()).toMatchObject({ id, name: 'First' });
    const list = (await ctx.app.inject({ method: 'GET', url: '/users' })).json<{ id: string }[]>();
    expect(list.map((record) => record.id)).toContain(id);
    expect((await service.published.next('user.created', id)).payload).toEqual({ id, name: 'First' });
  });

  it('rejects an empty name with 400, naming the field', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/users', payload: { name: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/name/);
  });

  it('reads a 404 for an unknown id', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `/users/${randomUUID()}` })).statusCode).toBe(404);
  });
});
