import type { DeliveryHandler, EventBus, SubscribeOptions, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

/**
 * The bus when BROKER_URL is not set: the services hosted in this one Node process, and nothing
 * else, exchange events in memory with a broker's semantics, so code that works here works on
 * RabbitMQ, NATS or Kafka:
 *
 * - each group has a queue, created by its first `subscribe` and bound to the types its
 *   subscribers ask for; it keeps receiving events while its subscribers come and go. Events
 *   published before a group first subscribes are NOT delivered to it, as on a broker where its
 *   queue did not exist yet: subscribe before publishing (services subscribe at start);
 * - the subscribers of a group compete for its events, each handling at most `concurrency` at once;
 * - a rejected delivery comes again after `redeliveryDelayMs(attempt)`, with `attempt + 1`;
 * - every delivery gets its own copy of the event, decoded from JSON as from a broker, so a handler
 *   cannot change what another group sees, and a payload that JSON cannot carry fails here too.
 *
 * Nothing is durable: events still queued when the process exits are lost. The outbox relay
 * deletes an event once `publish` resolves, so that is the trade-off of the zero-setup default;
 * set BROKER_URL where events must survive a restart.
 */
export function createInProcessBus(): EventBus {
  return connect(new Broker());
}

let shared: Broker | undefined;

/**
 * A connection to the bus shared by the whole process: each service hosted in it takes its own,
 * and they exchange events. Closing one closes its subscriptions only; the others go on.
 */
export function sharedInProcessBus(): EventBus {
  shared ??= new Broker();
  return connect(shared);
}

/** One event waiting in a group's queue, encoded as it would travel over a broker. */
interface Message {
  json: string;
  type: string;
  attempt: number;
}

interface Subscriber {
  types: ReadonlySet<string>;
  handler: DeliveryHandler;
  options: SubscribeOptions;
  inFlight: Set<Promise<void>>;
  closed: boolean;
}

class Group {
  readonly types = new Set<string>();
  readonly queue: Message[] = [];
  readonly subscribers: Subscriber[] = [];
  /** Where the next search for a free subscriber starts, so that they share the work. */
  next = 0;
}

class Broker {
  private readonly groups = new Map<string, Group>();

  publish(events: readonly EventEnvelope[]): void {
    for (const event of events) {
      const json = JSON.stringify(event);
      for (const group of this.groups.values()) {
        if (group.types.has(event.type)) group.queue.push({ json, type: event.type, attempt: 1 });
      }
    }
    for (const group of this.groups.values()) this.dispatch(group);
  }

  add(name: string, subscriber: Subscriber): void {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = new Group();
      this.groups.set(name, group);
    }
    for (const type of subscriber.types) group.types.add(type);
    group.subscribers.push(subscriber);
    this.dispatch(group);
  }

  remove(name: string, subscriber: Subscriber): void {
    const group = this.groups.get(name);
    if (group === undefined) return;
    subscriber.closed = true;
    group.subscribers.splice(group.subscribers.indexOf(subscriber), 1);
    // What only this subscriber could take may now go to another; the rest simply waits.
    this.dispatch(group);
  }

  /** Hands queued messages, oldest first, to subscribers of their type that have room. */
  private dispatch(group: Group): void {
    for (let index = 0; index < group.queue.length; ) {
      const message = group.queue[index] as Message;
      const subscriber = this.freeSubscriber(group, message.type);
      if (subscriber === undefined) {
        if (group.subscribers.every((candidate) => candidate.inFlight.size >= candidate.options.concurrency)) return;
        index++; // no free subscriber takes this type; a later message may have one
        continue;
      }
      group.queue.splice(index, 1);
      this.deliver(group, subscriber, message);
    }
  }

  private freeSubscriber(group: Group, type: string): Subscriber | undefined {
    const count = group.subscribers.length;
    for (let offset = 0; offset < count; offset++) {
      const candidate = group.subscribers[(group.next + offset) % count] as Subscriber;
      if (candidate.inFlight.size < candidate.options.concurrency && candidate.types.has(type)) {
        group.next = (group.next + offset + 1) % count;
        return candidate;
      }
    }
    return undefined;
  }

  private deliver(group: Group, subscriber: Subscriber, message: Message): void {
    const handled = (async () => {
      // Never inside publish(): the publisher's code goes on first, as with a real broker.
      await Promise.resolve();
      await subscriber.handler(JSON.parse(message.json) as EventEnvelope, { attempt: message.attempt });
    })().then(
      () => undefined,
      () => this.redeliverLater(group, subscriber, message),
    );
    subscriber.inFlight.add(handled);
    void handled.finally(() => {
      subscriber.inFlight.delete(handled);
      this.dispatch(group);
    });
  }

  private redeliverLater(group: Group, subscriber: Subscriber, message: Message): void {
    const delayMs = subscriber.options.redeliveryDelayMs(message.attempt);
    // Unref'd: a pending redelivery must not keep a finished process (a script, a test) alive.
    setTimeout(() => {
      group.queue.push({ ...message, attempt: message.attempt + 1 });
      this.dispatch(group);
    }, delayMs).unref();
  }
}

/** A connection to `broker`: it owns the subscriptions made through it, and closes them. */
function connect(broker: Broker): EventBus {
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('the in-process bus is closed');
  };

  return {
    kind: 'in-process',
    async publish(events) {
      open();
      broker.publish(events);
    },
    async subscribe(group, types, handler, options) {
      open();
      const subscriber: Subscriber = { types: new Set(types), handler, options, inFlight: new Set(), closed: false };
      broker.add(group, subscriber);
      const subscription: Subscription = {
        async close() {
          subscriptions.delete(subscription);
          if (!subscriber.closed) broker.remove(group, subscriber);
          await Promise.all(subscriber.inFlight);
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    },
  };
}
