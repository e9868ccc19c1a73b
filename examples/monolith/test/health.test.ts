import { describe, expect, it } from 'vitest';

import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { describeEachBackend, silentLogger } from './support/backends.js';

describeEachBackend('health', (ctx) => {
  it('is live', async () => {
    const response = await ctx.app.inject({ url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers', async () => {
    const response = await ctx.app.inject({ url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('health when the database goes away', () => {
  it('stays live but is no longer ready, and says why', async () => {
    const server = await startEmbeddedPostgres('memory://');
    const db = await openDatabase({ url: server.url }, silentLogger);
    const app = await buildApp({ db, logger: silentLogger });
    try {
      expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);

      await server.stop();

      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('database') });
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
