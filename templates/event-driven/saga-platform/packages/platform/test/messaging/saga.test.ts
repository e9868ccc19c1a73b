import { readFileSync } from 'node:fs';

import { randomUUID } from 'node:crypto';

import { Registry } from 'prom-client';
import { expect, it } from 'vitest';

import { createApp } from '../../src/app.js';
import { newEvent } from '../../src/messaging/envelope.js';
import { findSaga, orchestrate, SAGA_MIGRATIONS, sagaReply, sagaRoutes } from '../../src/messaging/saga.js';
import { silentLogger } from '../../src/testing/backends.js';
import { describeEachDatabase } from './support/databases.js';

const SAGA_TABLES = readFileSync(new URL('saga-0001-sagas.sql', SAGA_MIGRATIONS), 'utf8');

// Three steps, as a refund might take them: give the money back, put the goods back, tell the customer.
const refund = orchestrate({
  name: 'refund',
  steps: [
    { service: 'payments', action: 'repay' },
    { service: 'products', action: 'restock' },
    { service: 'users', action: 'notify' },
  ],
});

describeEachDatabase('an orchestrated saga', SAGA_TABLES, (ctx) => {
  /** The commands the orchestrator has sent so far, oldest first: type and data. */
  async function sent(): Promise<Array<{ type: string; data: unknown }>> {
    const { rows } = await ctx.db.query<{ type: string; payload: { data: unknown } }>('SELECT type, payload FROM messaging_outbox ORDER BY position');
    return rows.map((row) => ({ type: row.type, data: row.payload.data }));
  }

  /** A reply as a step's service sends it, handled by the orchestrator in a transaction of its own. */
  async function reply(type: string, sagaId: string, payload: object = {}): Promise<void> {
    const handle = refund.handlers[type];
    if (handle === undefined) throw new Error(`the orchestrator does not handle ${type}`);
    await ctx.db.transaction((tx) => handle(tx, newEvent(type, sagaId, { sagaId, ...payload })));
  }

  const start = (data: unknown) => ctx.db.transaction((tx) => refund.start(tx, data));

  it('sends each step\'s command once the step before is done, then completes', async () => {
    const id = await start({ orderId: 'o-1', amountCents: 900 });
    expect(await sent()).toEqual([{ type: 'refund.repay', data: { orderId: 'o-1', amountCents: 900 } }]);

    await reply('refund.repay.done', id);
    await reply('refund.restock.done', id);
    expect((await sent()).map((command) => command.type)).toEqual(['refund.repay', 'refund.restock', 'refund.notify']);
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'running', step: 2 });

    await reply('refund.notify.done', id);
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'completed', failure: null });
    expect(await sent()).toHaveLength(3);
  });

  it('undoes the steps done before a failed one, last first, and ends compensated with the reason', async () => {
    const id = await start({ orderId: 'o-2' });
    await reply('refund.repay.done', id);
    await reply('refund.restock.done', id);
    await reply('refund.notify.failed', id, { reason: 'no email address' });
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'compensating', step: 1 });

    await reply('refund.restock.undone', id);
    await reply('refund.repay.undone', id);
    expect((await sent()).map((command) => command.type)).toEqual([
      'refund.repay',
      'refund.restock',
      'refund.notify',
      'refund.restock.undo',
      'refund.repay.undo',
    ]);
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'compensated', failure: 'no email address' });
  });

  it('has nothing to undo when the first step fails', async () => {
    const id = await start({ orderId: 'o-3' });
    await reply('refund.repay.failed', id, { reason: 'card expired' });
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'compensated', failure: 'card expired' });
    expect((await sent()).map((command) => command.type)).toEqual(['refund.repay']);
  });

  it('ignores a reply delivered twice, one for another step, and one that comes too late', async () => {
    const id = await start({ orderId: 'o-4' });
    await reply('refund.repay.done', id);
    await reply('refund.repay.done', id); // the broker delivered it again
    await reply('refund.notify.done', id); // not the step the saga waits for
    await reply('refund.restock.undone', id); // the saga is not undoing anything
    expect((await sent()).map((command) => command.type)).toEqual(['refund.repay', 'refund.restock']);
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'running', step: 1 });

    await reply('refund.restock.failed', id, { reason: 'warehouse closed' });
    await reply('refund.restock.done', id); // too late: the saga is undoing
    expect(await findSaga(ctx.db, id)).toMatchObject({ status: 'compensating', step: 0 });
  });

  it('leaves no saga and sends no command when the transaction that starts it rolls back', async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await refund.start(tx, { orderId: 'o-5' });
        throw new Error('the order could not be saved');
      }),
    ).rejects.toThrow('the order could not be saved');
    expect(await sent()).toEqual([]);
    expect((await ctx.db.query('SELECT 1 FROM sagas')).rowCount).toBe(0);
  });

  it('gives a step\'s service its replies by convention', async () => {
    const id = await start({ orderId: 'o-6' });
    const command = newEvent('refund.repay', id, { sagaId: id, data: {} });
    expect(sagaReply(command, 'done')).toMatchObject({ type: 'refund.repay.done', key: id, payload: { sagaId: id } });
    expect(sagaReply(command, { failed: 'declined' })).toMatchObject({ type: 'refund.repay.failed', payload: { sagaId: id, reason: 'declined' } });
    const undo = newEvent('refund.repay.undo', id, { sagaId: id, data: {} });
    expect(sagaReply(undo, 'undone')).toMatchObject({ type: 'refund.repay.undone', payload: { sagaId: id } });
  });

  it('shows where a saga is at /admin/sagas/:id, 404 for an unknown one and 400 for a malformed id', async () => {
    const app = createApp({ logger: silentLogger, registry: new Registry() });
    await app.register(sagaRoutes(ctx.db), { prefix: '/admin/sagas' });
    try {
      const id = await start({ orderId: 'o-7' });
      await reply('refund.repay.failed', id, { reason: 'card expired' });
      const found = await app.inject({ url: `/admin/sagas/${id}` });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({ id, name: 'refund', status: 'compensated', failure: 'card expired', data: { orderId: 'o-7' } });
      expect((await app.inject({ url: `/admin/sagas/${randomUUID()}` })).statusCode).toBe(404);
      expect((await app.inject({ url: '/admin/sagas/42' })).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
