import { setTimeout as sleep } from 'node:timers/promises';

import type { Logger } from 'pino';

import type { DeliveryHandler, SubscribeOptions } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { InFlight } from './in-flight.js';
import { fromRecord } from './kafka-records.js';

/** What the delivery loop uses of a consumed record: a subset of @platformatic/kafka's Message. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: bigint;
  value?: string;
  headers: Map<string, string>;
  commit(): void | Promise<void>;
}

/**
 * Hands a partitioned stream to a handler, at least once. Kafka has no per-message nack: a
 * partition is a log whose committed offset says how far the group got. So a rejected handler is
 * retried in place, after `redeliveryDelayMs(attempt)`, until it succeeds, and only then is the
 * offset committed. While it retries, the rest of its partition waits: that is Kafka's usual
 * trade-off, which keeps the events of one key in order. Records are handled in their partition's
 * order, several partitions at once; at most `concurrency` records are in hand (running or queued
 * behind their partition), so once that many wait behind a retry the other partitions wait too.
 *
 * `stop()` lets the handlers running finish, abandons the waits between retries (their offsets
 * stay uncommitted, so the partition's next owner gets those events again), and resolves then.
 */
export function consumeInPlace(
  messages: AsyncIterable<ConsumedRecord>,
  deps: {
    group: string;
    /** Events of other types are skipped (their offsets committed): the topic carries every type. */
    types: ReadonlySet<string>;
    handler: DeliveryHandler;
    options: SubscribeOptions;
    logger: Logger;
  },
): { stop(): Promise<void> } {
  const { group, types, handler, options, logger } = deps;
  const stopping = new AbortController();
  const inFlight = new InFlight(options.concurrency);
  const partitions = new Map<string, Promise<void>>();

  const deliver = async (message: ConsumedRecord): Promise<void> => {
    let event: EventEnvelope;
    try {
      event = fromRecord(message);
    } catch (error) {
      logger.error({ err: error, group, partition: message.partition, offset: message.offset }, 'skipping a record that is not an event');
      return commit(message);
    }
    if (!types.has(event.type)) return commit(message);
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(event, { attempt });
        return commit(message);
      } catch (error) {
        logger.warn({ err: error, group, eventId: event.id, type: event.type, attempt }, 'event handler failed; retrying in place');
        const waited = await sleep(Math.max(0, options.redeliveryDelayMs(attempt)), true, { signal: stopping.signal }).catch(() => false);
        if (!waited) return;
      }
    }
  };

  const commit = async (message: ConsumedRecord): Promise<void> => {
    try {
      await message.commit();
    } catch (error) {
      // The partition moved to another member (a rebalance): it gets this event again.
      logger.warn({ err: error, group, partition: message.partition, offset: message.offset }, 'offset not committed');
    }
  };

  const reading = (async () => {
    for await (const message of messages) {
      if (stopping.signal.aborted) break;
      await inFlight.vacancy();
      const partition = `${message.topic}/${message.partition}`;
      const previous = partitions.get(partition) ?? Promise.resolve();
      const next = previous.then(() => (stopping.signal.aborted ? undefined : deliver(message)));
      partitions.set(partition, next);
      inFlight.run(() => next);
    }
  })();
  reading.catch((error: unknown) => logger.error({ err: error, group }, 'Kafka consumer stream failed'));

  return {
    async stop() {
      stopping.abort();
      await inFlight.drained();
    },
  };
}
