import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type ConsumerConfig,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect as connectNats, headers as natsHeaders, nanos, type NodeConnectionOptions } from '@nats-io/transport-node';
import type { Logger } from 'pino';

import type { DeliveryHandler, EventBus, SubscribeOptions, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { InFlight } from './in-flight.js';
import { PUBLISH_TIMEOUT_MS, withTimeout } from './timeout.js';
import { assertEventTypes, assertName, encodePayload, envelopeFrom, envelopeHeaders } from './wire.js';

/**
 * A process that dies keeps the messages it had pulled until their ack wait ends, and its pull
 * request open until it expires; both are short, so another instance (or the same one,
 * restarted) gets them within seconds. A handler slower than the ack wait has its delivery kept
 * alive with progress acks (see `keepAlive`).
 */
const ACK_WAIT_MS = 10_000;
const PULL_EXPIRES_MS = 5_000;

/** JetStream answers "stream name already in use" when a stream exists with another configuration. */
const STREAM_NAME_IN_USE = 10058;
/** And "consumer already exists" (older servers) or "consumer name already in use" (2.10+) for consumers. */
const CONSUMER_EXISTS = new Set([10013, 10148]);

/**
 * The event bus on NATS JetStream. One stream per project, `<name>-events`, over the subjects
 * `<name>.events.<type>`, with interest retention: an event is kept until every group that was
 * subscribed when it was published has acknowledged it, like a RabbitMQ queue per group. Each
 * group is a durable pull consumer named after it (its subscribers compete for its messages) that
 * starts with the events published after it was created.
 *
 * publish() sends each event with its id as the message id, so JetStream drops a re-publication
 * within its duplicate window (2 minutes), and resolves on the PubAcks. A rejected handler's
 * message is nak'ed with `redeliveryDelayMs(attempt)`; JetStream counts the deliveries.
 *
 * The client reconnects by itself, forever. While it is disconnected it would buffer publications
 * and send them after reconnecting; publish() rejects at once instead, so the caller (the outbox)
 * keeps the events and decides, and a buffered publication never waits longer than the timeout.
 */
export async function connect(url: URL, { name, logger }: { name: string; logger: Logger }): Promise<EventBus> {
  assertName('project name', name);
  const stream = `${name}-events`;
  const subjectPrefix = `${name}.events.`;
  const nc = await connectNats({ ...connectionOptions(url), name, maxReconnectAttempts: -1 }).catch((error: unknown) => {
    throw new Error(`NATS at ${url.host} is unreachable: ${describe(error)}`, { cause: error });
  });
  let connected = true;
  let closed = false;
  // The publications in flight when the connection drops would wait for their timeout; they fail at once.
  let connectionLost = tripwire();
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        connected = false;
        connectionLost.trip(new Error('the NATS connection was lost'));
        logger.warn({ server: status.server }, 'NATS connection lost; reconnecting');
      } else if (status.type === 'reconnect') {
        connected = true;
        connectionLost = tripwire();
        logger.info({ server: status.server }, 'NATS reconnected');
      }
    }
  })();

  const jsm = await jetstreamManager(nc, { timeout: PUBLISH_TIMEOUT_MS });
  const js = jsm.jetstream();
  await ensureStream(jsm, { name: stream, subjects: [`${subjectPrefix}>`] });
  const subscriptions = new Set<Subscription>();

  const reachable = (doing: string): void => {
    if (closed) throw new Error(`cannot ${doing}: the event bus is closed`);
    if (!connected) throw new Error(`cannot ${doing}: NATS is unreachable (reconnecting)`);
  };

  return {
    kind: 'nats',

    async publish(events) {
      assertEventTypes(events.map((event) => event.type));
      const doing = `publish ${events.length} event(s)`;
      reachable(doing);
      const acks = Promise.all(
        events.map((event) =>
          js.publish(`${subjectPrefix}${event.type}`, encodePayload(event.payload), {
            msgID: event.id,
            headers: toNatsHeaders(event),
            timeout: PUBLISH_TIMEOUT_MS,
          }),
        ),
      );
      await Promise.race([acks, connectionLost.tripped]).catch((error: unknown) => {
        throw new Error(`cannot ${doing}: ${describe(error)}`, { cause: error });
      });
    },

    async subscribe(group, types, handler, options) {
      assertName('group', group);
      assertEventTypes(types);
      reachable(`subscribe ${group}`);
      const subjects = types.map((type) => `${subjectPrefix}${type}`);
      // Several filter subjects per consumer need nats-server 2.10; older servers deliver every
      // subject of the stream to the group, and the subscriber acknowledges the others unhandled.
      const filter: Partial<ConsumerConfig> =
        subjects.length === 1
          ? { filter_subject: subjects[0] }
          : serverAtLeast(nc.info?.version, [2, 10])
            ? { filter_subjects: subjects }
            : { filter_subject: `${subjectPrefix}>` };
      await ensureConsumer(jsm, stream, {
        durable_name: group,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(ACK_WAIT_MS),
        deliver_policy: DeliverPolicy.New,
        // Left at the server's default (1000), not `concurrency`: it bounds the whole group, all
        // instances together, and counts the nak'ed messages waiting for their redelivery, so a
        // few failing events would stall the group. `concurrency` is enforced per subscriber below.
        ...filter,
      });
      const consumer = await js.consumers.get(stream, group);
      const messages = await consumer.consume({ max_messages: options.concurrency, expires: PULL_EXPIRES_MS });
      const inFlight = new InFlight(options.concurrency);
      const deliver = deliverer({ group, types: new Set(types), handler, options, logger });
      const pulling = (async () => {
        for await (const message of messages) {
          await inFlight.vacancy();
          inFlight.run(() => deliver(message));
        }
      })();
      const subscription: Subscription = {
        async close() {
          subscriptions.delete(subscription);
          await messages.close(); // the messages pulled but not handed out yet come again after ACK_WAIT_MS
          await pulling;
          await inFlight.drained();
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async ping() {
      reachable('reach NATS');
      await jsm.getAccountInfo();
    },

    async close() {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      // drain() flushes the acknowledgements still buffered; with no connection there is nothing to flush.
      await (connected ? nc.drain() : nc.close());
    },
  };
}

function deliverer(deps: {
  group: string;
  types: ReadonlySet<string>;
  handler: DeliveryHandler;
  options: SubscribeOptions;
  logger: Logger;
}): (message: JsMsg) => Promise<void> {
  const { group, types, handler, options, logger } = deps;
  return async (message) => {
    let event: EventEnvelope;
    try {
      event = envelopeFrom(headerPairs(message), message.data);
    } catch (error) {
      logger.error({ err: error, group, subject: message.subject }, 'dropping a message that is not an event');
      return message.term();
    }
    if (!types.has(event.type)) return message.ack(); // see the filter in subscribe()

    const attempt = message.info.deliveryCount;
    const stopKeepingAlive = keepAlive(message);
    try {
      await handler(event, { attempt });
      message.ack();
    } catch (error) {
      logger.warn({ err: error, group, eventId: event.id, type: event.type, attempt }, 'event handler failed; redelivering later');
      message.nak(Math.max(0, Math.round(options.redeliveryDelayMs(attempt))));
    } finally {
      stopKeepingAlive();
    }
  };
}

/**
 * Tells JetStream the handler is still at work, so a delivery handled for longer than the ack
 * wait is not given to another subscriber meanwhile.
 */
function keepAlive(message: JsMsg): () => void {
  const timer = setInterval(() => message.working(), ACK_WAIT_MS / 3);
  return () => clearInterval(timer);
}

/** A promise that rejects when tripped; nobody needs to be listening. */
function tripwire(): { tripped: Promise<never>; trip(error: Error): void } {
  let trip: (error: Error) => void = () => undefined;
  const tripped = new Promise<never>((_, reject) => (trip = reject));
  tripped.catch(() => undefined);
  return { tripped, trip };
}

function* headerPairs(message: JsMsg): Generator<[string, string]> {
  for (const [name, values] of message.headers ?? []) {
    const last = values.at(-1);
    if (last !== undefined) yield [name, last];
  }
}

function toNatsHeaders(event: EventEnvelope): ReturnType<typeof natsHeaders> {
  const result = natsHeaders();
  for (const [name, value] of Object.entries(envelopeHeaders(event))) result.set(name, value);
  return result;
}

/** Creates the stream, or brings an existing one to this configuration. */
async function ensureStream(jsm: JetStreamManager, config: { name: string; subjects: string[] }): Promise<void> {
  const full = { ...config, retention: RetentionPolicy.Interest, storage: StorageType.File };
  try {
    await jsm.streams.add(full); // returns the existing stream when the configuration is the same
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
    await jsm.streams.update(config.name, full);
  }
}

/** Creates the group's durable consumer, or brings an existing one to these filters. */
async function ensureConsumer(jsm: JetStreamManager, stream: string, config: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  try {
    await jsm.consumers.add(stream, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && CONSUMER_EXISTS.has(error.code))) throw error;
    const { deliver_policy: _fixedAtCreation, ...updatable } = config;
    await jsm.consumers.update(stream, config.durable_name, updatable);
  }
}

/** `nats://user:password@host:port`, or `nats://token@host:port`. */
export function connectionOptions(url: URL): NodeConnectionOptions {
  const server = `${url.hostname}:${url.port || '4222'}`;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (password !== '') return { servers: server, user, pass: password };
  if (user !== '') return { servers: server, token: user };
  return { servers: server };
}

function serverAtLeast(version: string | undefined, [major, minor]: [number, number]): boolean {
  const [serverMajor = 0, serverMinor = 0] = (version ?? '').split('.').map(Number);
  return serverMajor > major || (serverMajor === major && serverMinor >= minor);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
