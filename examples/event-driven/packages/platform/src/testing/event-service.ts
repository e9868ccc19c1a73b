import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';

import type { Database } from '../db/database.js';
import type { EventBus } from '../messaging/bus.js';
import type { EventEnvelope } from '../messaging/envelope.js';
import { createInProcessBus } from '../messaging/in-process.js';
import { startOutboxRelay, type OutboxRelay } from '../messaging/outbox.js';
import { MESSAGING_MIGRATIONS } from '../messaging/migrations.js';
import { silentLogger, type ServiceUnderTest } from './backends.js';

/** The events a test listens for, as they leave the service through its outbox and the bus. */
export class PublishedEvents {
  readonly events: EventEnvelope[] = [];

  /** The first event of `type` about `key`, waiting up to `timeoutMs` for it. */
  async next(type: string, key: string, timeoutMs = 5_000): Promise<EventEnvelope> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((event) => event.type === type && event.key === key);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} event about ${key} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Resolves once `group` has handled the event (its inbox has it), waiting up to `timeoutMs`. */
export async function handled(db: Database, group: string, eventId: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rowCount } = await db.query('SELECT 1 FROM messaging_inbox WHERE consumer_group = $1 AND event_id = $2', [group, eventId]);
    if (rowCount === 1) return;
    if (Date.now() > deadline) throw new Error(`${group} did not handle event ${eventId} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A service under test with its messaging: the messaging tables migrated before its own, an
 * in-process bus, its outbox relay running (closed with the app), and a listener that records
 * every event of `types` the service publishes.
 */
export function eventServiceUnderTest(
  migrations: URL,
  types: readonly string[],
  build: (deps: { db: Database; bus: EventBus; outbox: OutboxRelay }) => Promise<FastifyInstance>,
): ServiceUnderTest & { published: PublishedEvents } {
  const published = new PublishedEvents();
  return {
    published,
    migrations: [MESSAGING_MIGRATIONS, migrations],
    async buildApp(db) {
      const bus = createInProcessBus();
      await bus.subscribe('test-listener', types, async (event) => void published.events.push(event), {
        concurrency: 1,
        redeliveryDelayMs: () => 0,
      });
      const outbox = startOutboxRelay(db, bus, { logger: silentLogger, registry: new Registry() });
      const app = await build({ db, bus, outbox });
      app.addHook('onClose', async () => {
        await outbox.close();
        await bus.close();
      });
      return app;
    },
  };
}
