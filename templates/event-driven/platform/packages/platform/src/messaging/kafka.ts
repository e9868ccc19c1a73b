import { Admin, Consumer, ProduceAcks, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import type { Logger } from 'pino';

import type { EventBus, Subscription } from './bus.js';
import { bootstrapBrokers, eventsTopic, toRecord } from './kafka-records.js';
import { consumeInPlace } from './retry-in-place.js';
import { PUBLISH_TIMEOUT_MS, withTimeout } from './timeout.js';
import { assertEventTypes, assertName } from './wire.js';

/**
 * The event bus on Kafka (@platformatic/kafka). One topic per project, `<name>.events`, carries
 * every type; a record's key is its event's key, so one key's events stay in order on one
 * partition. A group is a Kafka consumer group reading the whole topic and skipping the types it
 * did not ask for. A group new to the topic starts at its oldest record, rather than risk missing
 * the events published while it joined; afterwards it resumes from its committed offsets.
 *
 * publish() resolves when every in-sync replica has the records (acks=all, idempotent producer).
 * Offsets are committed per record, after its handler resolved; a rejected handler is retried in
 * place and holds its partition meanwhile (see retry-in-place.ts).
 *
 * The topic is created with the broker's default partition count and replication factor; its
 * partition count bounds how many subscribers of one group can share the work.
 */
export async function connect(url: URL, { name, logger }: { name: string; logger: Logger }): Promise<EventBus> {
  assertName('project name', name);
  const topic = eventsTopic(name);
  const base = { clientId: name, bootstrapBrokers: bootstrapBrokers(url) };

  await ensureTopic(base, topic).catch((error: unknown) => {
    throw new Error(`Kafka at ${url.host}: cannot create the topic ${topic}: ${describe(error)}`, { cause: error });
  });
  const producer = new Producer({ ...base, serializers: stringSerializers, idempotent: true, acks: ProduceAcks.ALL });
  const subscriptions = new Set<Subscription>();
  let closed = false;

  return {
    kind: 'kafka',

    async publish(events) {
      assertEventTypes(events.map((event) => event.type));
      const doing = `publish ${events.length} event(s)`;
      if (closed) throw new Error(`cannot ${doing}: the event bus is closed`);
      // The client retries a broker that does not answer (3 times, 1 s apart); the timeout bounds it all.
      await withTimeout(producer.send({ messages: events.map((event) => toRecord(topic, event)) }), PUBLISH_TIMEOUT_MS, 'Kafka').catch(
        (error: unknown) => {
          throw new Error(`cannot ${doing}: ${describe(error)}`, { cause: error });
        },
      );
    },

    async subscribe(group, types, handler, options) {
      assertName('group', group);
      assertEventTypes(types);
      if (closed) throw new Error(`cannot subscribe ${group}: the event bus is closed`);
      const consumer = new Consumer({ ...base, groupId: group, deserializers: stringDeserializers, autocommit: false });
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      stream.on('error', (error: Error) => logger.error({ err: error, group }, 'Kafka consumer failed'));
      const delivery = consumeInPlace(stream, { group, types: new Set(types), handler, options, logger });
      const subscription: Subscription = {
        async close() {
          subscriptions.delete(subscription);
          await delivery.stop();
          await stream.close();
          await consumer.close(); // leaves the group, so its partitions move to the other members at once
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async ping() {
      await withTimeout(producer.metadata({ topics: [topic] }), PUBLISH_TIMEOUT_MS, 'Kafka');
    },

    async close() {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await producer.close();
    },
  };
}

async function ensureTopic(base: { clientId: string; bootstrapBrokers: string[] }, topic: string): Promise<void> {
  const admin = new Admin(base);
  try {
    // -1: the broker's defaults (num.partitions, default.replication.factor).
    await admin.createTopics({ topics: [topic], partitions: -1, replicas: -1 });
  } catch (error) {
    if (!isProtocolError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
  } finally {
    await admin.close();
  }
}

function isProtocolError(error: unknown, id: string): boolean {
  if (typeof error !== 'object' || error === null || !('findBy' in error) || typeof error.findBy !== 'function') return false;
  return (error.findBy as (property: string, value: unknown) => unknown).call(error, 'apiId', id) != null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
