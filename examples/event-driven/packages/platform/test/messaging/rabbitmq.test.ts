import { randomUUID } from 'node:crypto';

import amqp from 'amqplib';
import { afterAll, describe, inject } from 'vitest';

import type { EventBus } from '../../src/messaging/bus.js';
import { connect } from '../../src/messaging/rabbitmq.js';
import { createLogger } from '../../src/logger.js';
import { defineBusContract } from './bus-contract.js';
import { itSurvivesAnOutage } from './support/outage.js';

const url = inject('rabbitmqUrl');
const logger = createLogger('silent');

describe.skipIf(url === null)('[rabbitmq] event bus', () => {
  const brokerUrl = url ?? '';
  const name = `test-${randomUUID().slice(0, 8)}`;
  const groups = new Set<string>(['outage']);
  const open = async (at: URL): Promise<EventBus> => recordGroups(await connect(at, { name, logger }), groups);

  defineBusContract('RabbitMQ', { open: () => open(new URL(brokerUrl)) });
  itSurvivesAnOutage({ url: brokerUrl, defaultPort: 5672, connect: open });

  afterAll(async () => {
    const connection = await amqp.connect(brokerUrl);
    const channel = await connection.createChannel();
    for (const group of groups) {
      await channel.deleteQueue(`${name}.${group}`);
      await channel.deleteQueue(`${name}.${group}.retry`);
    }
    await channel.deleteExchange(`${name}.events`);
    await connection.close();
  });
});

/** Remembers the groups subscribed, whose queues the suite deletes at the end. */
function recordGroups(bus: EventBus, groups: Set<string>): EventBus {
  return {
    ...bus,
    subscribe(group, ...rest) {
      groups.add(group);
      return bus.subscribe(group, ...rest);
    },
  };
}
