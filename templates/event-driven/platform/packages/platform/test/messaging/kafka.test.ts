import { randomUUID } from 'node:crypto';

import { Admin } from '@platformatic/kafka';
import { afterAll, describe, expect, inject, it } from 'vitest';

import type { Delivery, SubscribeOptions } from '../../src/messaging/bus.js';
import { connect } from '../../src/messaging/kafka.js';
import { bootstrapBrokers, eventsTopic, fromRecord, toRecord } from '../../src/messaging/kafka-records.js';
import { consumeInPlace, type ConsumedRecord } from '../../src/messaging/retry-in-place.js';
import { createLogger } from '../../src/logger.js';
import { defineBusContract } from './bus-contract.js';
import { event } from './support/events.js';
import { waitFor } from './support/wait.js';

const logger = createLogger('silent');

describe('Kafka records', () => {
  it('names one topic per project', () => {
    expect(eventsTopic('shop')).toBe('shop.events');
  });

  it('keys a record by its event key and carries the envelope in headers, losslessly', () => {
    const published = event('order.placed', 'order-7', { total: 3, items: ['a'] });
    const record = toRecord('shop.events', published);
    expect(record).toMatchObject({ topic: 'shop.events', key: 'order-7', timestamp: BigInt(Date.parse(published.occurredAt)) });
    expect(record.headers).toMatchObject({ 'event-id': published.id, 'event-type': 'order.placed', traceparent: published.headers.traceparent });
    // As the consumer's string deserializers hand it back.
    const consumed = { value: record.value, headers: new Map(Object.entries(record.headers ?? {})) };
    expect(fromRecord(consumed)).toEqual(published);
  });

  it('refuses a record that is not an event, naming what is missing', () => {
    expect(() => fromRecord({ value: '{}', headers: new Map([['traceparent', 'x']]) })).toThrow('no event-id header');
  });

  it('takes the bootstrap broker from the URL', () => {
    expect(bootstrapBrokers(new URL('kafka://broker.internal:9093'))).toEqual(['broker.internal:9093']);
    expect(bootstrapBrokers(new URL('kafka://broker.internal'))).toEqual(['broker.internal:9092']);
  });
});

/** A consumer stream as @platformatic/kafka yields it: records in order, each committing its own offset. */
function fakeStream(records: { partition: number; event: ReturnType<typeof event> }[], commits: string[]): AsyncIterable<ConsumedRecord> {
  return {
    async *[Symbol.asyncIterator]() {
      let offset = 0n;
      for (const { partition, event: e } of records) {
        const record = toRecord('shop.events', e);
        const position = offset++;
        yield {
          topic: record.topic,
          partition,
          offset: position,
          value: record.value,
          headers: new Map(Object.entries(record.headers ?? {})),
          commit: () => void commits.push(e.id),
        };
      }
      await new Promise(() => undefined); // a live stream does not end
    },
  };
}

describe('retry in place (Kafka delivery)', () => {
  const options: SubscribeOptions = { concurrency: 2, redeliveryDelayMs: (attempt) => attempt };

  it('retries a rejected event in place with attempt 2, 3, holds its partition meanwhile, and commits after success', async () => {
    const [failing, next, elsewhere] = [event('a', 'k1', 1), event('a', 'k1', 2), event('a', 'k2', 3)];
    const commits: string[] = [];
    const calls: [string, Delivery][] = [];
    const delivery = consumeInPlace(
      fakeStream(
        [
          { partition: 0, event: failing },
          { partition: 0, event: next },
          { partition: 1, event: elsewhere },
        ],
        commits,
      ),
      {
        group: 'g',
        types: new Set(['a']),
        options: { ...options, concurrency: 3 }, // room for the other partition beside the two records of this one
        logger,
        handler: async (e, d) => {
          calls.push([e.id, d]);
          if (e.id === failing.id && d.attempt < 3) throw new Error('failing on purpose');
        },
      },
    );
    await waitFor('every commit', () => commits.length === 3);
    await delivery.stop();
    const onPartition0 = calls.filter(([id]) => id !== elsewhere.id);
    expect(onPartition0).toEqual([
      [failing.id, { attempt: 1 }],
      [failing.id, { attempt: 2 }],
      [failing.id, { attempt: 3 }],
      [next.id, { attempt: 1 }],
    ]);
    expect(commits.indexOf(failing.id)).toBeLessThan(commits.indexOf(next.id));
    // The other partition was not held up by the retries.
    expect(calls.findIndex(([id]) => id === elsewhere.id)).toBeLessThan(3);
  });

  it('skips, and commits, the types it did not ask for', async () => {
    const [other, wanted] = [event('b', 'k', 1), event('a', 'k', 2)];
    const commits: string[] = [];
    const handled: string[] = [];
    const delivery = consumeInPlace(fakeStream([{ partition: 0, event: other }, { partition: 0, event: wanted }], commits), {
      group: 'g',
      types: new Set(['a']),
      options,
      logger,
      handler: async (e) => void handled.push(e.id),
    });
    await waitFor('both commits', () => commits.length === 2);
    await delivery.stop();
    expect(handled).toEqual([wanted.id]);
  });

  it('on stop, abandons a retry without committing its offset', async () => {
    const failing = event('a', 'k', 1);
    const commits: string[] = [];
    let attempts = 0;
    const delivery = consumeInPlace(fakeStream([{ partition: 0, event: failing }], commits), {
      group: 'g',
      types: new Set(['a']),
      options: { concurrency: 1, redeliveryDelayMs: () => 60_000 },
      logger,
      handler: async () => {
        attempts++;
        throw new Error('failing on purpose');
      },
    });
    await waitFor('the first attempt', () => attempts === 1);
    await delivery.stop(); // resolves now, not after the 60 s delay
    expect(commits).toEqual([]);
  });
});

const kafkaUrl = inject('kafkaUrl');

describe.skipIf(kafkaUrl === null)('[kafka] event bus', () => {
  const brokerUrl = new URL(kafkaUrl ?? 'kafka://unset');
  const name = `test-${randomUUID().slice(0, 8)}`;

  defineBusContract('Kafka', { open: () => connect(brokerUrl, { name, logger }) });

  afterAll(async () => {
    const admin = new Admin({ clientId: 'test-cleanup', bootstrapBrokers: bootstrapBrokers(brokerUrl) });
    await admin.deleteTopics({ topics: [eventsTopic(name)] });
    await admin.close();
  });
});
