import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Options } from 'amqplib';
import type { Logger } from 'pino';

import type { DeliveryHandler, EventBus, SubscribeOptions, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { InFlight } from './in-flight.js';
import { PUBLISH_TIMEOUT_MS, withTimeout } from './timeout.js';
import { assertEventTypes, assertName, encodePayload, envelopeFrom, envelopeHeaders } from './wire.js';

/**
 * The delivery attempt a redelivered copy stands for. Our own header, not the quorum queue's
 * `x-delivery-count`: that one counts only returns to the same queue, and RabbitMQ 4.3 stopped
 * counting returns of a lost consumer, so it cannot carry a count across the retry queue.
 */
const ATTEMPT_HEADER = 'event-attempt';

/** Reconnection backoff: from 100 ms doubling up to this cap, with jitter (amqplib's recovery). */
const RECONNECT_MAX_DELAY_MS = 5_000;
/** Retries of the first connection: a broker unreachable at startup fails the start (in seconds). */
const INITIAL_CONNECT_RETRIES = 4;

interface Live {
  model: ChannelModel;
  publisher: ConfirmChannel;
}

interface GroupConsumer {
  /** Declares the group's queues and starts consuming on this connection. */
  start(model: ChannelModel): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The event bus on RabbitMQ (amqplib). Topology, all durable:
 *
 * - `<name>.events`: a topic exchange; the routing key of an event is its type.
 * - `<name>.<group>`: the group's queue, bound to the group's types. A quorum queue: replicated,
 *   and the queue type RabbitMQ recommends for data that must not be lost.
 * - `<name>.<group>.retry`: the group's delay line. A rejected event is republished there with a
 *   per-message TTL of `redeliveryDelayMs(attempt)` and the next attempt in a header, then the
 *   original is acknowledged; when the TTL expires RabbitMQ dead-letters the copy back to the
 *   group's queue (and to no other group). This is RabbitMQ's standard delayed retry without
 *   plugins. Dead-lettering is at-least-once (quorum queue, `x-dead-letter-strategy`), so a copy
 *   survives a broker restart. Expiry happens at the head of the queue only: a copy waits at most
 *   for the copies ahead of it, i.e. a short delay behind a long one is lengthened to it.
 *
 * Publishing goes through a confirm channel: publish() resolves once the broker has stored every
 * event. The connection recovers by itself (amqplib's recovery, capped exponential backoff); on
 * each new connection the exchange, the queues and the consumers are declared again. While it is
 * down, publish() and subscribe() reject at once.
 */
export async function connect(url: URL, { name, logger }: { name: string; logger: Logger }): Promise<EventBus> {
  assertName('project name', name);
  const exchange = `${name}.events`;
  const consumers = new Set<GroupConsumer>();
  let live: Live | undefined;
  let closed = false;

  const connection = await amqp
    .connect(url.toString(), {
      clientProperties: { connection_name: name },
      // Without it, Nagle's algorithm meets delayed ACKs: each confirmed publish of one event took ~33 ms.
      noDelay: true,
      recovery: {
        maxDelay: RECONNECT_MAX_DELAY_MS,
        initialMaxRetries: INITIAL_CONNECT_RETRIES,
        async setup(model: ChannelModel) {
          const publisher = await model.createConfirmChannel();
          publisher.on('error', (error: Error) => logger.warn({ err: error }, 'RabbitMQ channel error'));
          await publisher.assertExchange(exchange, 'topic', { durable: true });
          for (const consumer of consumers) await consumer.start(model);
          rebuildWhenClosed(model, publisher, () => false);
          live = { model, publisher };
        },
      },
    })
    .catch((error: unknown) => {
      throw new Error(`RabbitMQ at ${redact(url)} is unreachable: ${describe(error)}`, { cause: error });
    });
  connection.on('disconnect', (error: Error) => {
    live = undefined;
    logger.warn({ err: error }, 'RabbitMQ connection lost; reconnecting');
  });
  connection.on('connect', () => logger.info('RabbitMQ connected'));
  connection.on('connect-failed', (error: Error) => logger.warn({ err: error }, 'RabbitMQ reconnection failed; retrying'));
  // Without a listener, an 'error' event would crash the process; the 'disconnect' that follows recovers.
  connection.on('error', (error: Error) => logger.warn({ err: error }, 'RabbitMQ connection error'));

  const connected = (doing: string): Live => {
    if (closed) throw new Error(`cannot ${doing}: the event bus is closed`);
    if (live === undefined) throw new Error(`cannot ${doing}: RabbitMQ is unreachable (reconnecting)`);
    return live;
  };

  /** Publishes on the confirm channel; resolves when the broker has stored every message. */
  const publishConfirmed = async (messages: readonly AmqpMessage[], doing: string): Promise<void> => {
    const { publisher } = connected(doing);
    const confirmations = messages.map(
      (message) =>
        new Promise<void>((resolve, reject) => {
          // The write is buffered whatever publish() returns; its `false` only advises to slow down.
          publisher.publish(message.exchange, message.routingKey, message.content, message.options, (error: unknown) =>
            error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
          );
        }),
    );
    await withTimeout(Promise.all(confirmations), PUBLISH_TIMEOUT_MS, 'RabbitMQ (publisher confirms)').catch((error: unknown) => {
      throw new Error(`cannot ${doing}: ${describe(error)}`, { cause: error });
    });
  };

  return {
    kind: 'rabbitmq',

    async publish(events) {
      assertEventTypes(events.map((event) => event.type));
      await publishConfirmed(
        events.map((event) => ({ exchange, routingKey: event.type, ...amqpMessage(event, {}) })),
        `publish ${events.length} event(s)`,
      );
    },

    async subscribe(group, types, handler, options) {
      assertName('group', group);
      assertEventTypes(types);
      const consumer = groupConsumer({ exchange, queue: `${name}.${group}`, types, handler, options, logger, publishConfirmed });
      await consumer.start(connected(`subscribe ${group}`).model);
      consumers.add(consumer);
      return {
        async close() {
          consumers.delete(consumer);
          await consumer.stop();
        },
      } satisfies Subscription;
    },

    async ping() {
      await withTimeout(connected('reach RabbitMQ').publisher.checkExchange(exchange), PUBLISH_TIMEOUT_MS, 'RabbitMQ');
    },

    async close() {
      closed = true;
      const stopping = [...consumers];
      consumers.clear(); // before stopping them, so that a reconnection meanwhile does not restart them
      await Promise.all(stopping.map((consumer) => consumer.stop()));
      await connection.close();
    },
  };
}

interface AmqpMessage {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

function amqpMessage(event: EventEnvelope, extraHeaders: Record<string, number>): Omit<AmqpMessage, 'exchange' | 'routingKey'> {
  return {
    content: encodePayload(event.payload),
    options: {
      persistent: true,
      contentType: 'application/json',
      messageId: event.id,
      type: event.type,
      timestamp: Math.floor(Date.parse(event.occurredAt) / 1_000),
      headers: { ...envelopeHeaders(event), ...extraHeaders },
    },
  };
}

function envelopeOf(message: ConsumeMessage): EventEnvelope {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(message.properties.headers ?? {})) {
    if (typeof value === 'string') headers.push([name, value]);
  }
  return envelopeFrom(headers, message.content);
}

/** 1 on the first delivery; a copy from the retry queue says its own; a return after a lost consumer adds one. */
function attemptOf(message: ConsumeMessage): number {
  const stated = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1);
  return (Number.isInteger(stated) && stated > 0 ? stated : 1) + (message.fields.redelivered ? 1 : 0);
}

/**
 * A channel that fails while its connection lives (a deleted exchange or queue, a protocol error)
 * takes the connection with it: the recovery then declares everything again. Simpler and surer
 * than repairing channels one by one, and such failures are rare.
 */
function rebuildWhenClosed(model: ChannelModel, channel: Channel, stopping: () => boolean): void {
  channel.on('close', () => {
    if (!stopping()) void quietly(() => model.close()); // already closed when the connection went first
  });
}

/** Runs a step whose failure changes nothing (closing what may be closed already). */
async function quietly(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch {
    // nothing to undo
  }
}

function groupConsumer(deps: {
  exchange: string;
  queue: string;
  types: readonly string[];
  handler: DeliveryHandler;
  options: SubscribeOptions;
  logger: Logger;
  publishConfirmed(messages: readonly AmqpMessage[], doing: string): Promise<void>;
}): GroupConsumer {
  const { exchange, queue, handler, options, logger } = deps;
  const retryQueue = `${queue}.retry`;
  const types = new Set(deps.types);
  const inFlight = new InFlight(options.concurrency);
  let current: { channel: Channel; consumerTag: string } | undefined;
  let stopping = false;

  /** Settles a delivery; on a closed channel there is nothing to do: the broker redelivers it. */
  const settle = (settlement: () => void): void => {
    try {
      settlement();
    } catch (error) {
      logger.debug({ err: error, queue }, 'delivery not settled: its channel is closed; RabbitMQ will redeliver it');
    }
  };

  const deliver = async (channel: Channel, message: ConsumeMessage): Promise<void> => {
    let event: EventEnvelope;
    try {
      event = envelopeOf(message);
    } catch (error) {
      logger.error({ err: error, queue, messageId: message.properties.messageId }, 'dropping a message that is not an event');
      settle(() => channel.ack(message));
      return;
    }
    // A binding this subscriber no longer asks for (types are only ever bound, never unbound).
    if (!types.has(event.type)) return settle(() => channel.ack(message));

    const attempt = attemptOf(message);
    try {
      await handler(event, { attempt });
      return settle(() => channel.ack(message));
    } catch (error) {
      logger.warn({ err: error, queue, eventId: event.id, type: event.type, attempt }, 'event handler failed; redelivering later');
    }
    try {
      const delay = Math.max(0, Math.round(options.redeliveryDelayMs(attempt)));
      const copy = amqpMessage(event, { [ATTEMPT_HEADER]: attempt + 1 });
      copy.options.expiration = String(delay);
      await deps.publishConfirmed([{ exchange: '', routingKey: retryQueue, ...copy }], `delay the redelivery of event ${event.id}`);
      settle(() => channel.ack(message));
    } catch (error) {
      // Without the delayed copy, the original goes back to the queue at once, as a redelivery.
      logger.warn({ err: error, queue, eventId: event.id }, 'could not delay the redelivery; returning the event to its queue');
      settle(() => channel.nack(message, false, true));
    }
  };

  return {
    async start(model) {
      const channel = await model.createChannel();
      channel.on('error', (error: Error) => logger.warn({ err: error, queue }, 'RabbitMQ channel error'));
      // Per consumer: RabbitMQ sends no more than `concurrency` unacknowledged deliveries at once.
      await channel.prefetch(options.concurrency);
      await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
      await channel.assertQueue(retryQueue, {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': queue,
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish', // required by at-least-once dead-lettering
        },
      });
      for (const type of types) await channel.bindQueue(queue, exchange, type);
      const { consumerTag } = await channel.consume(queue, (message) => {
        if (message === null) {
          // The broker cancelled the consumer (its queue was deleted): reconnecting declares it again.
          logger.warn({ queue }, 'RabbitMQ cancelled the consumer; reconnecting');
          void quietly(() => model.close());
        } else if (stopping) {
          settle(() => channel.nack(message, false, true)); // sent before the cancel took effect
        } else {
          inFlight.run(() => deliver(channel, message));
        }
      });
      if (stopping) return quietly(() => channel.close()); // stopped while starting
      rebuildWhenClosed(model, channel, () => stopping);
      current = { channel, consumerTag };
    },

    async stop() {
      stopping = true;
      const started = current;
      if (started === undefined) return;
      // Both fail only when the channel is gone already, and with it the deliveries not yet acknowledged.
      await quietly(() => started.channel.cancel(started.consumerTag));
      await inFlight.drained();
      await quietly(() => started.channel.close());
    },
  };
}

function redact(url: URL): string {
  const copy = new URL(url);
  if (copy.password !== '') copy.password = '***';
  return copy.toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
