import { Registry } from 'prom-client';
import { afterEach, expect, it } from 'vitest';

import type { Queryable } from '../../src/db/database.js';
import { NotFoundError } from '../../src/errors.js';
import type { EventBus } from '../../src/messaging/bus.js';
import { consume, type ConsumerSettings, type EventHandler } from '../../src/messaging/consumer.js';
import { listDeadLetters, replayDeadLetter } from '../../src/messaging/dead-letters.js';
import { newEvent, type EventEnvelope } from '../../src/messaging/envelope.js';
import { createInProcessBus } from '../../src/messaging/in-process.js';
import { appendToOutbox, startOutboxRelay } from '../../src/messaging/outbox.js';
import { silentLogger } from '../../src/testing/backends.js';
import { describeEachDatabase, duplicatingBus, eventually } from './support/databases.js';

// Two transactions of up to two events at once: the tests cover shared transactions too.
const settings: ConsumerSettings = { concurrency: 4, batchSize: 2, maxAttempts: 3, retry: { initialMs: 1, maxMs: 10 } };

// The state a billing service keeps: one row per charged order, and a running total.
const SETUP = `
  CREATE TABLE charges (order_id text NOT NULL, amount integer NOT NULL);
  CREATE TABLE totals (name text PRIMARY KEY, amount integer NOT NULL);
`;

type Placed = { amount: number };

/** Applies an order.placed event: charges it and adds it to the total. */
const charge: EventHandler = async (tx, event) => {
  const { amount } = event.payload as Placed;
  await tx.query('INSERT INTO charges (order_id, amount) VALUES ($1, $2)', [event.key, amount]);
  await tx.query(
    `INSERT INTO totals (name, amount) VALUES ('charged', $1)
     ON CONFLICT (name) DO UPDATE SET amount = totals.amount + excluded.amount`,
    [amount],
  );
};

describeEachDatabase('the idempotent consumer', SETUP, (ctx) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function billing(bus: EventBus, handler: EventHandler, registry = new Registry()): Promise<void> {
    const subscription = await consume(bus, ctx.db, { group: 'billing', types: ['order.placed'], handler }, {
      logger: silentLogger,
      registry,
    }, settings);
    closers.unshift(() => subscription.close());
  }

  function inProcessBus(): EventBus {
    const bus = createInProcessBus();
    closers.push(() => bus.close());
    return bus;
  }

  async function state(): Promise<{ charges: Array<{ order_id: string; amount: number }>; total: number }> {
    const { rows: charges } = await ctx.db.query<{ order_id: string; amount: number }>(
      'SELECT order_id, amount FROM charges ORDER BY order_id',
    );
    const { rows: totals } = await ctx.db.query<{ amount: number }>("SELECT amount FROM totals WHERE name = 'charged'");
    return { charges, total: totals[0]?.amount ?? 0 };
  }

  const consumed = async (registry: Registry, outcome: string): Promise<number> =>
    ((await registry.getSingleMetric('messaging_consumed_total')?.get())?.values ?? [])
      .filter((value) => value.labels.outcome === outcome)
      .reduce((sum, { value }) => sum + value, 0);

  const placed = (order: string, amount: number): EventEnvelope => newEvent<Placed>('order.placed', order, { amount });

  it('leaves the same state when every event is delivered twice as when delivered once', async () => {
    const bus = duplicatingBus(inProcessBus());
    const registry = new Registry();
    await billing(bus, charge, registry);
    const relay = startOutboxRelay(ctx.db, bus, { logger: silentLogger, registry: new Registry() }, {
      batchSize: 10,
      pollIntervalMs: 50,
      retry: { initialMs: 1, maxMs: 10 },
    });
    closers.unshift(() => relay.close());

    const orders = Array.from({ length: 40 }, (_, i) => ({ order: `order-${String(i).padStart(2, '0')}`, amount: i + 1 }));
    for (const { order, amount } of orders) {
      await ctx.db.transaction((tx) => appendToOutbox(tx, [placed(order, amount)]));
      relay.notify();
    }

    await eventually(async () => expect(await consumed(registry, 'duplicate')).toBe(40));
    expect(await consumed(registry, 'handled')).toBe(40);
    expect(await state()).toEqual({
      charges: orders.map(({ order, amount }) => ({ order_id: order, amount })),
      total: orders.reduce((sum, { amount }) => sum + amount, 0),
    });
  });

  it('applies once an event whose handler fails twice before it succeeds, undoing the failed attempts', async () => {
    const bus = inProcessBus();
    const registry = new Registry();
    let attempts = 0;
    await billing(bus, async (tx, event) => {
      await charge(tx, event);
      attempts++;
      if (attempts <= 2) throw new Error('payment provider timed out');
    }, registry);

    await bus.publish([placed('order-1', 25)]);

    await eventually(async () => expect(await consumed(registry, 'handled')).toBe(1));
    expect(attempts).toBe(3);
    expect(await consumed(registry, 'failed')).toBe(2);
    expect(await state()).toEqual({ charges: [{ order_id: 'order-1', amount: 25 }], total: 25 });
    expect(await listDeadLetters(ctx.db)).toEqual([]);
  });

  it('dead-letters an event that always fails, with its error; a replay after the fix applies it once and clears it', async () => {
    const bus = inProcessBus();
    const registry = new Registry();
    let productKnown = false;
    const chargeKnownProducts: EventHandler = async (tx: Queryable, event) => {
      if (!productKnown) throw new Error(`unknown product in ${event.key}`);
      await charge(tx, event);
    };
    await billing(bus, chargeKnownProducts, registry);
    const event = placed('order-7', 70);

    await bus.publish([event]);

    await eventually(async () => expect(await listDeadLetters(ctx.db)).toHaveLength(1));
    const [letter] = await listDeadLetters(ctx.db, { group: 'billing' });
    expect(letter).toMatchObject({ group: 'billing', event, attempts: settings.maxAttempts });
    expect(letter?.error).toContain('unknown product in order-7');
    expect(await consumed(registry, 'dead-lettered')).toBe(1);
    expect(await consumed(registry, 'failed')).toBe(settings.maxAttempts - 1);
    expect(await listDeadLetters(ctx.db, { group: 'shipping' })).toEqual([]);
    expect(await state()).toEqual({ charges: [], total: 0 });

    // Replayed before the fix: it stays, with the new error.
    productKnown = false;
    const stillFailing = await replayDeadLetter(ctx.db, 'billing', event.id, async () => {
      throw new Error('catalogue unreachable');
    });
    expect(stillFailing).toMatchObject({ outcome: 'failed', error: expect.stringContaining('catalogue unreachable') });
    expect(await listDeadLetters(ctx.db)).toMatchObject([{ attempts: settings.maxAttempts + 1, error: expect.stringContaining('catalogue unreachable') }]);

    productKnown = true;
    expect(await replayDeadLetter(ctx.db, 'billing', event.id, chargeKnownProducts)).toEqual({ outcome: 'handled' });
    expect(await listDeadLetters(ctx.db)).toEqual([]);
    expect(await state()).toEqual({ charges: [{ order_id: 'order-7', amount: 70 }], total: 70 });

    // Gone: a second replay finds nothing, and a late redelivery of the event is a duplicate.
    await expect(replayDeadLetter(ctx.db, 'billing', event.id, chargeKnownProducts)).rejects.toBeInstanceOf(NotFoundError);
    await bus.publish([event]);
    await eventually(async () => expect(await consumed(registry, 'duplicate')).toBe(1));
    expect(await state()).toEqual({ charges: [{ order_id: 'order-7', amount: 70 }], total: 70 });
  });

  it('commits the events a handler appends together with its own effects', async () => {
    const bus = inProcessBus();
    await billing(bus, async (tx, event) => {
      await charge(tx, event);
      await appendToOutbox(tx, [newEvent('payment.charged', event.key, event.payload)]);
      if ((event.payload as Placed).amount > 100) throw new Error('over the limit');
    });

    await bus.publish([placed('order-1', 10), placed('order-2', 500)]);

    await eventually(async () => expect(await listDeadLetters(ctx.db)).toHaveLength(1));
    const { rows } = await ctx.db.query<{ type: string; key: string }>('SELECT type, key FROM messaging_outbox');
    expect(rows).toEqual([{ type: 'payment.charged', key: 'order-1' }]);
  });

  it('applies events that arrive together in shared transactions, and one failing event rolls back none of the others', async () => {
    const bus = inProcessBus();
    const registry = new Registry();
    await billing(bus, async (tx, event) => {
      if (event.key === 'order-13') throw new Error('card declined');
      await charge(tx, event);
    }, registry);
    const orders = Array.from({ length: 20 }, (_, i) => placed(`order-${String(i).padStart(2, '0')}`, i + 1));

    await bus.publish(orders);

    await eventually(async () => expect(await listDeadLetters(ctx.db)).toHaveLength(1));
    await eventually(async () => expect(await consumed(registry, 'handled')).toBe(19));
    const applied = orders.filter((event) => event.key !== 'order-13');
    expect(await state()).toEqual({
      charges: applied.map((event) => ({ order_id: event.key, amount: (event.payload as Placed).amount })),
      total: applied.reduce((sum, event) => sum + (event.payload as Placed).amount, 0),
    });
    // now() is the transaction's start: events recorded at the same instant shared a transaction.
    const { rows } = await ctx.db.query<{ events: number; transactions: number }>(
      'SELECT count(*)::int AS events, count(DISTINCT handled_at)::int AS transactions FROM messaging_inbox',
    );
    expect(rows[0]?.events).toBe(19);
    expect(rows[0]?.transactions).toBeLessThan(19);
  });
});
