// Deletes what a bench run declared on a broker: the connect() of each adapter declares its
// exchange, stream or topic after the namespace, and subscribe() a queue or consumer per group.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats } from '@nats-io/transport-node';
import { Admin } from '@platformatic/kafka';
import amqp from 'amqplib';

import type { EventBus } from '../src/messaging/bus.js';
import { bootstrapBrokers, eventsTopic } from '../src/messaging/kafka-records.js';
import { connectionOptions } from '../src/messaging/nats.js';

export async function deleteTopology(kind: EventBus['kind'], url: string, namespace: string, group: string): Promise<void> {
  switch (kind) {
    case 'in-process':
      return;
    case 'rabbitmq': {
      const connection = await amqp.connect(url);
      try {
        const channel = await connection.createChannel();
        await channel.deleteQueue(`${namespace}.${group}`);
        await channel.deleteQueue(`${namespace}.${group}.retry`);
        await channel.deleteExchange(`${namespace}.events`);
      } finally {
        await connection.close();
      }
      return;
    }
    case 'nats': {
      const nc = await connectNats(connectionOptions(new URL(url)));
      try {
        await (await jetstreamManager(nc)).streams.delete(`${namespace}-events`); // its consumers with it
      } finally {
        await nc.close();
      }
      return;
    }
    case 'kafka': {
      const admin = new Admin({ clientId: namespace, bootstrapBrokers: bootstrapBrokers(new URL(url)) });
      try {
        await admin.deleteGroups({ groups: [group] });
        await admin.deleteTopics({ topics: [eventsTopic(namespace)] });
      } finally {
        await admin.close();
      }
    }
  }
}
