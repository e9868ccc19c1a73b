import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats } from '@nats-io/transport-node';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { connect, connectionOptions } from '../../src/messaging/nats.js';
import { createLogger } from '../../src/logger.js';
import { defineBusContract } from './bus-contract.js';
import { itSurvivesAnOutage } from './support/outage.js';

const url = inject('natsUrl');
const logger = createLogger('silent');

describe('NATS connection options', () => {
  it('reads the server, and a user and password or a token, from the URL', () => {
    expect(connectionOptions(new URL('nats://broker.internal'))).toEqual({ servers: 'broker.internal:4222' });
    expect(connectionOptions(new URL('nats://app:s%40cret@broker:4333'))).toEqual({ servers: 'broker:4333', user: 'app', pass: 's@cret' });
    expect(connectionOptions(new URL('nats://t0ken@broker'))).toEqual({ servers: 'broker:4222', token: 't0ken' });
  });
});

describe.skipIf(url === null)('[nats] event bus', () => {
  const brokerUrl = url ?? '';
  const name = `test-${randomUUID().slice(0, 8)}`;

  defineBusContract('NATS JetStream', { open: () => connect(new URL(brokerUrl), { name, logger }) });
  itSurvivesAnOutage({ url: brokerUrl, defaultPort: 4222, connect: (at) => connect(at, { name, logger }) });

  afterAll(async () => {
    // The group consumers go with their stream.
    const nc = await connectNats(connectionOptions(new URL(brokerUrl)));
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`${name}-events`);
    await nc.close();
  });
});
