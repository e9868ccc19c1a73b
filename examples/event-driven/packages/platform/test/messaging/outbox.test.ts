import { Registry } from 'prom-client';
import { afterEach, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import type { EventBus } from '../../src/messaging/bus.js';
import { consume } from '../../src/messaging/consumer.js';
import { newEvent, type EventEnvelope } from '../../src/messaging/envelope.js';
import { createInProcessBus } from '../../src/messaging/in-process.js';
import { appendToOutbox, startOutboxRelay, type OutboxRelay, type OutboxRelaySettings } from '../../src/messaging/outbox.js';
import { silentLogger } from '../../src/testing/backends.js';
import { capturingLogger, describeEachDatabase, eventually, switchableBus } from './support/databases.js';

const relaySettings: OutboxRelaySettings = { batchSize: 50, pollIntervalMs: 50, retry: { initialMs: 1, maxMs: 20 } };
const consumerSettings = { concurrency: 8, batchSize: 4, maxAttempts: 5, retry: { initialMs: 1, maxMs: 10 } };

// Text that a hand-built SQL array or JSON literal would mangle.
const TRICKY_TEXT = `a "quoted", {braced} back\\slash'd ünïcode 🚚 line\nbreak NULL`;

const SETUP = 'CREATE TABLE applied (event_id text NOT NULL, n integer NOT NULL)';

describeEachDatabase('the outbox relay', SETUP, (ctx) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    // Relays first, then subscriptions, then the buses and extra pools they use.
    for (const close of closers.splice(0)) await close();
  });

  function relay(db: Database, bus: EventBus, registry = new Registry(), logger = silentLogger): OutboxRelay {
    const started = startOutboxRelay(db, bus, { logger, registry }, relaySettings);
    closers.unshift(() => started.close());
    return started;
  }

  function inProcessBus(): EventBus {
    const bus = createInProcessBus();
    closers.push(() => bus.close());
    return bus;
  }

  /** Records, in order, what a single-threaded subscriber of its own group receives. */
  async function recorder(bus: EventBus): Promise<EventEnvelope[]> {
    const received: EventEnvelope[] = [];
    await bus.subscribe('recorder', ['order.placed'], async (event) => {
      received.push(event);
    }, { concurrency: 1, redeliveryDelayMs: () => 1 });
    return received;
  }

  const metric = async (registry: Registry, name: string): Promise<number> =>
    ((await registry.getSingleMetric(name)?.get())?.values ?? []).reduce((sum, { value }) => sum + value, 0);

  it('publishes the events of committed transactions, in order, and never those of rolled-back ones', async () => {
    const bus = inProcessBus();
    const received = await recorder(bus);
    const registry = new Registry();
    const outbox = relay(ctx.db, bus, registry);

    const committed: string[] = [];
    for (let i = 0; i < 30; i++) {
      const event = newEvent('order.placed', `order-${i}`, { n: i, note: TRICKY_TEXT });
      const rollBack = i % 3 === 1;
      await ctx.db
        .transaction(async (tx) => {
          await appendToOutbox(tx, [event]);
          if (rollBack) throw new Error('payment declined');
        })
        .catch(() => undefined);
      if (!rollBack) committed.push(event.id);
      outbox.notify();
    }

    await eventually(async () => expect(await metric(registry, 'messaging_outbox_pending')).toBe(0));
    await eventually(() => expect(received).toHaveLength(committed.length));
    expect(received.map((event) => event.id)).toEqual(committed);
    expect(await metric(registry, 'messaging_outbox_published_total')).toBe(committed.length);
    // What arrives is what was appended, byte for byte.
    expect(received[0]).toMatchObject({ type: 'order.placed', key: 'order-0', payload: { n: 0, note: TRICKY_TEXT } });
  });

  it('keeps 1,000 events while the broker is down and delivers each exactly once, in order, when it is back', async () => {
    const bus = switchableBus(inProcessBus());
    bus.down = true;
    const received = await recorder(bus);
    const subscription = await consume(bus, ctx.db, {
      group: 'billing',
      types: ['order.placed'],
      handler: async (tx, event) => {
        await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [event.id, (event.payload as { n: number }).n]);
      },
    }, { logger: silentLogger, registry: new Registry() }, consumerSettings);
    closers.push(() => subscription.close());
    const registry = new Registry();
    const log = capturingLogger();
    const outbox = relay(ctx.db, bus, registry, log.logger);

    const appended: string[] = [];
    for (let n = 0; n < 1_000; n++) {
      const event = newEvent('order.placed', `order-${n % 10}`, { n });
      await ctx.db.transaction((tx) => appendToOutbox(tx, [event]));
      appended.push(event.id);
      outbox.notify();
    }

    expect(await metric(registry, 'messaging_outbox_pending')).toBe(1_000);
    await eventually(() => expect(bus.rejectedPublishes).toBeGreaterThan(3));
    bus.down = false;

    await eventually(async () => {
      const { rows } = await ctx.db.query<{ applied: number; events: number }>(
        'SELECT count(*)::int AS applied, count(DISTINCT event_id)::int AS events FROM applied',
      );
      expect(rows[0]).toEqual({ applied: 1_000, events: 1_000 });
    });
    expect(received.map((event) => event.id)).toEqual(appended);
    expect(await metric(registry, 'messaging_outbox_pending')).toBe(0);
    expect(await metric(registry, 'messaging_outbox_published_total')).toBe(1_000);
    // One warning for the outage, however many attempts it took, and one line when it ended.
    expect(log.lines().map((line) => line.msg)).toEqual([
      'outbox relay: publishing failed; events stay in the outbox and are retried with backoff',
      'outbox relay: publishing again',
    ]);
  });

  it('publishes each event exactly once, in order, with two instances relaying from one database', async () => {
    const bus = inProcessBus();
    const received = await recorder(bus);
    const other = await ctx.connectAgain();
    closers.push(() => other.close());
    const registries = [new Registry(), new Registry()] as const;
    const relays = [relay(ctx.db, bus, registries[0]), relay(other, bus, registries[1])];

    const appended: string[] = [];
    for (let n = 0; n < 500; n++) {
      const event = newEvent('order.placed', `order-${n % 10}`, { n });
      // Each instance appends and notifies its own relay, as two instances behind a load balancer.
      await (n % 2 === 0 ? ctx.db : other).transaction((tx) => appendToOutbox(tx, [event]));
      appended.push(event.id);
      relays[n % 2]?.notify();
    }

    await eventually(async () => expect(await metric(registries[0], 'messaging_outbox_pending')).toBe(0));
    await eventually(() => expect(received).toHaveLength(500));
    // Closed, they have finished every round: nothing more can be published.
    await Promise.all(relays.map((started) => started.close()));
    await new Promise((resolve) => setImmediate(resolve)); // let the bus deliver what it has
    expect(received.map((event) => event.id)).toEqual(appended);
    const published = (await metric(registries[0], 'messaging_outbox_published_total')) +
      (await metric(registries[1], 'messaging_outbox_published_total'));
    expect(published).toBe(500);
  });
});
