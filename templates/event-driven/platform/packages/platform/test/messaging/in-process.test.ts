import { afterEach, describe, expect, it, vi } from 'vitest';

import type { EventBus, SubscribeOptions } from '../../src/messaging/bus.js';
import { newEvent, type EventEnvelope } from '../../src/messaging/envelope.js';
import { createInProcessBus, sharedInProcessBus } from '../../src/messaging/in-process.js';
import { defineBusContract } from './bus-contract.js';

const options: SubscribeOptions = { concurrency: 1, redeliveryDelayMs: () => 1 };

const events = (count: number, type = 'order.placed'): EventEnvelope[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, `order-${i}`, { n: i }));

/** A promise and the function that settles it, to hold handlers mid-flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

// The same contract as the brokers' adapters: code that works on it works on them.
defineBusContract('in-process', { open: async () => createInProcessBus() });

describe('the in-process bus', () => {
  const buses: EventBus[] = [];
  const bus = (): EventBus => {
    const created = createInProcessBus();
    buses.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((created) => created.close()));
  });

  it('gives every group each event, and each event to one subscriber of a group', async () => {
    const subject = bus();
    const billing: Array<{ subscriber: number; id: string }> = [];
    const shipping: string[] = [];
    for (const subscriber of [1, 2]) {
      await subject.subscribe('billing', ['order.placed'], async (event) => {
        billing.push({ subscriber, id: event.id });
      }, options);
    }
    await subject.subscribe('shipping', ['order.placed'], async (event) => {
      shipping.push(event.id);
    }, options);

    const published = events(20);
    await subject.publish(published);

    const ids = published.map((event) => event.id);
    await vi.waitFor(() => expect(shipping).toHaveLength(20));
    await vi.waitFor(() => expect(billing).toHaveLength(20));
    expect(shipping).toEqual(ids);
    expect(billing.map((delivery) => delivery.id).sort()).toEqual([...ids].sort());
    // They compete: both instances of the billing service did part of the work.
    expect(new Set(billing.map((delivery) => delivery.subscriber))).toEqual(new Set([1, 2]));
  });

  it('delivers to a group only the types it subscribed to, each delivery a copy decoded from JSON', async () => {
    const subject = bus();
    const received: EventEnvelope[] = [];
    await subject.subscribe('billing', ['order.placed'], async (event) => {
      received.push(event);
      (event.payload as { at: unknown }).at = 'changed by billing';
    }, options);
    const shipping: EventEnvelope[] = [];
    await subject.subscribe('shipping', ['order.placed'], async (event) => {
      shipping.push(event);
    }, options);

    const at = new Date('2030-01-02T03:04:05.000Z');
    await subject.publish([newEvent('order.cancelled', 'order-1', {}), newEvent('order.placed', 'order-2', { at })]);

    await vi.waitFor(() => expect(shipping).toHaveLength(1));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.type).toBe('order.placed');
    // A Date travels as a string, as over any broker, and billing's change is billing's alone.
    expect(shipping[0]?.payload).toEqual({ at: '2030-01-02T03:04:05.000Z' });
  });

  it('does not deliver events published before a group first subscribed, but keeps them while its subscribers are away', async () => {
    const subject = bus();
    const [early, whileAway, later] = events(3);
    await subject.publish([early as EventEnvelope]);

    const received: string[] = [];
    const first = await subject.subscribe('billing', ['order.placed'], async (event) => {
      received.push(event.id);
    }, options);
    await first.close();
    await subject.publish([whileAway as EventEnvelope]);
    await subject.subscribe('billing', ['order.placed'], async (event) => {
      received.push(event.id);
    }, options);
    await subject.publish([later as EventEnvelope]);

    await vi.waitFor(() => expect(received).toEqual([whileAway?.id, later?.id]));
  });

  it('redelivers a rejected event after the delay, with the attempt count', async () => {
    const subject = bus();
    const deliveries: Array<{ attempt: number; at: number }> = [];
    const delayMs = (attempt: number): number => attempt * 20;
    await subject.subscribe('billing', ['order.placed'], async (_event, { attempt }) => {
      deliveries.push({ attempt, at: performance.now() });
      if (attempt < 3) throw new Error('database unavailable');
    }, { concurrency: 1, redeliveryDelayMs: delayMs });

    await subject.publish(events(1));

    await vi.waitFor(() => expect(deliveries.map((delivery) => delivery.attempt)).toEqual([1, 2, 3]));
    const [first, second, third] = deliveries.map((delivery) => delivery.at) as [number, number, number];
    // Timers may fire up to a millisecond early by performance.now()'s clock.
    expect(second - first).toBeGreaterThanOrEqual(delayMs(1) - 1);
    expect(third - second).toBeGreaterThanOrEqual(delayMs(2) - 1);
  });

  it('hands a subscriber at most `concurrency` events at once, and close() waits for them', async () => {
    const subject = bus();
    const release = gate();
    let inFlight = 0;
    let mostInFlight = 0;
    let handled = 0;
    const subscription = await subject.subscribe('billing', ['order.placed'], async () => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await release.opened;
      inFlight--;
      handled++;
    }, { concurrency: 3, redeliveryDelayMs: () => 1 });

    await subject.publish(events(10));
    await vi.waitFor(() => expect(inFlight).toBe(3));

    let closed = false;
    const closing = subscription.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);

    release.open();
    await closing;
    // The three in hand were finished; the rest waits in the group's queue for another subscriber.
    expect(handled).toBe(3);
    expect(mostInFlight).toBe(3);
  });

  it('rejects publishing once closed', async () => {
    const subject = bus();
    await subject.close();
    await expect(subject.publish(events(1))).rejects.toThrow('the in-process bus is closed');
    await expect(subject.ping()).rejects.toThrow('the in-process bus is closed');
  });

  it('connects every service of the process through the shared bus; closing one service leaves the others working', async () => {
    const orders = sharedInProcessBus();
    const billing = sharedInProcessBus();
    const shipping = sharedInProcessBus();
    buses.push(orders, billing, shipping);
    const billed: string[] = [];
    await billing.subscribe('billing', ['order.placed'], async (event) => {
      billed.push(event.id);
    }, options);
    const shipped = vi.fn(async () => {});
    await shipping.subscribe('shipping', ['order.placed'], shipped, options);

    await shipping.close();
    const [first] = events(1);
    await orders.publish([first as EventEnvelope]);

    await vi.waitFor(() => expect(billed).toEqual([first?.id]));
    expect(shipped).not.toHaveBeenCalled();
    await expect(shipping.publish(events(1))).rejects.toThrow('closed');
  });
});
