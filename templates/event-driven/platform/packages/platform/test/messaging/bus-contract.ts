import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Delivery, EventBus, SubscribeOptions } from '../../src/messaging/bus.js';
import type { EventEnvelope } from '../../src/messaging/envelope.js';
import { event } from './support/events.js';
import { waitFor } from './support/wait.js';

export interface BusUnderTest {
  /** Opens a bus; every bus of one suite reaches the same events (one broker, one project name). */
  open(): Promise<EventBus>;
  /** Removes what the suite created on the broker. */
  cleanup?(): Promise<void>;
}

const options: SubscribeOptions = { concurrency: 1, redeliveryDelayMs: () => 50 };

let sequence = 0;
/** A type, and so a group's binding, no other test shares: tests cannot see each other's events. */
const uniqueType = (): string => `contract${++sequence}.happened`;
const uniqueGroup = (): string => `group-${randomUUID().slice(0, 8)}`;

interface Received {
  event: EventEnvelope;
  delivery: Delivery;
}

/**
 * The behaviour every EventBus promises (see bus.ts), whatever carries the events: run it on each
 * adapter. `factory.open()` is called once for the suite, and again by the tests that close a bus.
 */
export function defineBusContract(title: string, factory: BusUnderTest): void {
  describe(`${title}: the event bus contract`, () => {
    let bus: EventBus;
    beforeAll(async () => {
      bus = await factory.open();
    });
    afterAll(async () => {
      await bus?.close();
      await factory.cleanup?.();
    });

    it('delivers a published event with every field of its envelope', async () => {
      const type = uniqueType();
      const received: Received[] = [];
      await bus.subscribe(uniqueGroup(), [type], async (e, delivery) => void received.push({ event: e, delivery }), options);
      const published = event(type, 'order-1', { total: 12.5, lines: [{ sku: 'a', quantity: 2 }], note: 'é ✓', none: null });
      await bus.publish([published]);
      await waitFor('the event', () => received.length === 1);
      expect(received[0]).toEqual({ event: published, delivery: { attempt: 1 } });
    });

    it('gives every group each event of its types', async () => {
      const type = uniqueType();
      const byGroup = new Map<string, string[]>();
      for (const group of [uniqueGroup(), uniqueGroup()]) {
        const ids: string[] = [];
        byGroup.set(group, ids);
        await bus.subscribe(group, [type], async (e) => void ids.push(e.id), options);
      }
      const published = [event(type, 'a', 1), event(type, 'b', 2), event(type, 'c', 3)];
      await bus.publish(published);
      const all = published.map((e) => e.id).sort();
      await waitFor('both groups', () => [...byGroup.values()].every((ids) => ids.length >= all.length));
      for (const ids of byGroup.values()) expect([...ids].sort()).toEqual(all);
    });

    it('splits the events of one group between its subscribers, none lost or doubled', async () => {
      const type = uniqueType();
      const group = uniqueGroup();
      const first: string[] = [];
      const second: string[] = [];
      await bus.subscribe(group, [type], async (e) => void first.push(e.id), options);
      await bus.subscribe(group, [type], async (e) => void second.push(e.id), options);
      const published = Array.from({ length: 20 }, (_, i) => event(type, `key-${i}`, i));
      await bus.publish(published);
      await waitFor('every event', () => new Set([...first, ...second]).size === published.length);
      expect([...first, ...second].sort()).toEqual(published.map((e) => e.id).sort());
    });

    it('redelivers a rejected event to its group only, with attempt 2, 3, …', async () => {
      const type = uniqueType();
      const attempts: number[] = [];
      const other: number[] = [];
      await bus.subscribe(
        uniqueGroup(),
        [type],
        async (_, { attempt }) => {
          attempts.push(attempt);
          if (attempt < 3) throw new Error(`failing attempt ${attempt} on purpose`);
        },
        options,
      );
      await bus.subscribe(uniqueGroup(), [type], async (_, { attempt }) => void other.push(attempt), options);
      await bus.publish([event(type, 'k', 'retry me')]);
      await waitFor('the third attempt', () => attempts.length === 3);
      expect(attempts).toEqual([1, 2, 3]);
      expect(other).toEqual([1]);
    });

    it('keeps the order of the events of one key for a single subscriber', async () => {
      const type = uniqueType();
      const seen: number[] = [];
      await bus.subscribe(uniqueGroup(), [type], async (e) => void seen.push(e.payload as number), options);
      const published = Array.from({ length: 30 }, (_, i) => event(type, 'same-key', i));
      await bus.publish(published);
      await waitFor('every event', () => seen.length === published.length);
      expect(seen).toEqual(published.map((e) => e.payload));
    });

    it('closes only after the handlers in flight have finished', async () => {
      const own = await factory.open();
      const type = uniqueType();
      const steps: string[] = [];
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      await own.subscribe(
        uniqueGroup(),
        [type],
        async () => {
          steps.push('handler started');
          await finished;
          steps.push('handler finished');
        },
        options,
      );
      await own.publish([event(type, 'k', 'slow')]);
      await waitFor('the handler', () => steps.length === 1);
      const closing = own.close().then(() => steps.push('bus closed'));
      // Nothing to await here but time: a bus that did not wait would be closed by now.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(steps).toEqual(['handler started']);
      finish();
      await closing;
      expect(steps).toEqual(['handler started', 'handler finished', 'bus closed']);
    });
  });
}
