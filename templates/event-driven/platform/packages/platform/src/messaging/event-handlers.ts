import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

import type { Database } from '../db/database.js';
import type { EventBus, Subscription } from './bus.js';
import { consume, type EventHandler } from './consumer.js';
import type { DeadLetters } from './dead-letter-routes.js';
import { listDeadLetters, replayDeadLetter } from './dead-letters.js';
import { startInboxPruning } from './inbox-retention.js';

/** What a service reacts to, and how: one handler per event type. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;

/** A service's running consumer, and its dead letters. */
export interface ServiceConsumer extends Subscription, DeadLetters {}

/**
 * Subscribes the service's consumer group to every type it has a handler for, each event applied
 * exactly once (see consume()); its dead letters replay through the same handlers, and its inbox
 * forgets what it handled long ago (see inbox-retention.ts).
 */
export async function consumeEvents(
  bus: EventBus,
  db: Database,
  group: string,
  handlers: EventHandlers,
  deps: { logger: Logger; registry: Registry; afterCommit?: () => void },
): Promise<ServiceConsumer> {
  const handler: EventHandler = async (tx, event) => {
    const handle = handlers[event.type];
    // Only subscribed types arrive; one that does not is a broker binding left from an older
    // version, and goes to the dead letters rather than being dropped unseen.
    if (handle === undefined) throw new Error(`${group} has no handler for ${event.type}`);
    await handle(tx, event);
  };
  const subscription = await consume(bus, db, { group, types: Object.keys(handlers), handler }, deps);
  const pruning = startInboxPruning(db, group, deps.logger);
  return {
    async close() {
      await subscription.close();
      await pruning.close();
    },
    listDeadLetters: () => listDeadLetters(db, { group }),
    replayDeadLetter: (eventId) => replayDeadLetter(db, group, eventId, handler),
  };
}
