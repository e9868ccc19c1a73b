import type { EventEnvelope } from './envelope.js';

/** What a consumer is told about one delivery of an event. */
export interface Delivery {
  /** 1 on the first delivery, 2 on the first redelivery, and so on. */
  attempt: number;
}

/**
 * Resolves when the event has been handled: the bus acknowledges it. Rejects when it could not
 * be: the bus delivers it again later (after `redeliveryDelayMs(attempt)`), to this group only.
 */
export type DeliveryHandler = (event: EventEnvelope, delivery: Delivery) => Promise<void>;

export interface SubscribeOptions {
  /** The delay before a rejected delivery comes again. */
  redeliveryDelayMs(attempt: number): number;
  /** How many deliveries a subscriber handles at once. */
  concurrency: number;
}

export interface Subscription {
  /** Stops taking deliveries; resolves when those in hand are settled. */
  close(): Promise<void>;
}

/**
 * Publish/subscribe with at-least-once delivery, the same contract over every broker.
 * Every group subscribed to a type gets each event of that type; within a group, subscribers
 * compete (each event goes to one of them), so a service scales out by running more instances.
 */
export interface EventBus {
  readonly kind: 'in-process' | 'rabbitmq' | 'nats' | 'kafka';
  /** Resolves once the broker has stored every event (publisher confirms), rejects otherwise. */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  subscribe(group: string, types: readonly string[], handler: DeliveryHandler, options: SubscribeOptions): Promise<Subscription>;
  /** Resolves when the broker answers; the readiness probe uses it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
