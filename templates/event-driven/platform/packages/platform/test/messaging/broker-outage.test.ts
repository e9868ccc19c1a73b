import { randomBytes } from 'node:crypto';

import { Registry } from 'prom-client';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';

import { deleteTopology } from '../../bench/topology.js';
import { createLogger } from '../../src/logger.js';
import type { EventBus } from '../../src/messaging/bus.js';
import { consume } from '../../src/messaging/consumer.js';
import { newEvent } from '../../src/messaging/envelope.js';
import { appendToOutbox, startOutboxRelay } from '../../src/messaging/outbox.js';
import { describeEachDatabase } from './support/databases.js';
import { startTcpProxy } from './support/tcp-proxy.js';

const logger = createLogger('silent');
const EVENTS = 1_000;
const GROUP = 'billing';

const brokers = [
  { name: 'rabbitmq', kind: 'rabbitmq' as const, url: inject('rabbitmqUrl'), defaultPort: 5672, adapter: () => import('../../src/messaging/rabbitmq.js') },
  { name: 'nats', kind: 'nats' as const, url: inject('natsUrl'), defaultPort: 4222, adapter: () => import('../../src/messaging/nats.js') },
];

// The promise of the outbox on a real broker: the broker goes away (every connection of the
// service to it is cut) while 1,000 transactions commit an event each, then comes back, and every
// event is delivered and applied exactly once, without restarting anything.
for (const broker of brokers) {
  describe.skipIf(broker.url === null)(`[${broker.name}] a broker outage`, () => {
    describeEachDatabase(`[${broker.name}] the outbox across a broker outage`, 'CREATE TABLE applied (event_id text NOT NULL)', (ctx) => {
      const closers: Array<() => Promise<void>> = [];
      afterEach(async () => {
        for (const close of closers.splice(0)) await close();
      });

      async function connectThrough(proxyPort: number, namespace: string): Promise<EventBus> {
        const url = new URL(broker.url ?? '');
        url.hostname = '127.0.0.1';
        url.port = String(proxyPort);
        const bus = await (await broker.adapter()).connect(url, { name: namespace, logger });
        closers.push(() => bus.close());
        return bus;
      }

      it(`delivers all ${EVENTS} events committed while it was down, each applied once`, async () => {
        const target = new URL(broker.url ?? '');
        const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || broker.defaultPort) });
        const namespace = `outage-${randomBytes(4).toString('hex')}`;
        closers.push(async () => {
          await proxy.close();
          await deleteTopology(broker.kind, broker.url ?? '', namespace, GROUP);
        });
        const bus = await connectThrough(proxy.port, namespace);
        const registry = new Registry();
        const subscription = await consume(
          bus,
          ctx.db,
          {
            group: GROUP,
            types: ['order.placed'],
            handler: async (tx, event) => {
              await tx.query('INSERT INTO applied (event_id) VALUES ($1)', [event.id]);
            },
          },
          { logger, registry },
        );
        closers.unshift(() => subscription.close());
        const relaySettings = { batchSize: 100, pollIntervalMs: 50, retry: { initialMs: 50, maxMs: 500 } };
        const relay = startOutboxRelay(ctx.db, bus, { logger, registry }, relaySettings);
        closers.unshift(() => relay.close());

        proxy.cut();
        for (let n = 0; n < EVENTS; n++) {
          await ctx.db.transaction((tx) => appendToOutbox(tx, [newEvent('order.placed', `order-${n % 10}`, { n })]));
          relay.notify();
        }
        const { rows: pending } = await ctx.db.query<{ count: number }>('SELECT count(*)::int AS count FROM messaging_outbox');
        expect(pending[0]?.count).toBe(EVENTS); // nothing got through while it was down

        proxy.restore();
        // The adapter reconnects with a capped backoff, then the relay's next attempt goes through.
        await vi.waitFor(async () => {
          const { rows } = await ctx.db.query<{ applied: number; events: number }>(
            'SELECT count(*)::int AS applied, count(DISTINCT event_id)::int AS events FROM applied',
          );
          expect(rows[0]).toEqual({ applied: EVENTS, events: EVENTS });
        }, { timeout: 60_000, interval: 100 });
      }, 90_000);
    });
  });
}
