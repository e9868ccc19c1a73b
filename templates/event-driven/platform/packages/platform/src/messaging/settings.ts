import { z } from 'zod';

/** Settings of a process that publishes or consumes events. */
export function messagingSettings(defaults: { namespace: string }) {
  return {
    // Unset: the in-process bus, which connects the services that `npm run dev` runs in one process.
    // amqp:// for RabbitMQ, nats:// for NATS JetStream, kafka:// for Kafka (host:port of a broker).
    BROKER_URL: z
      .url({ protocol: /^(amqps?|nats|kafka)$/, error: 'expected an amqp://, amqps://, nats:// or kafka:// URL' })
      .optional(),
    // Names the exchange, stream or topic, so that two systems (staging and a test run, say) can
    // share one broker without seeing each other's events.
    BROKER_NAMESPACE: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected lowercase letters, digits and dashes, starting with a letter')
      .default(defaults.namespace),
  };
}
