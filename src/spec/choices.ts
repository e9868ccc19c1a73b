/**
 * The fixed choices of a ProjectSpec, apart from zod so that the CLI can list them in its options
 * without loading the schemas.
 */

/**
 * The broker a project runs on in production (docker-compose, Kubernetes). Whatever it is, a
 * project with messaging also runs without one: an in-process bus when BROKER_URL is unset.
 */
export const brokers = ['none', 'rabbitmq', 'nats', 'kafka'] as const;
export type Broker = (typeof brokers)[number];

/** RabbitMQ: the guide's broker for routed work queues, which is what a saga's steps are. */
export const defaultBroker = 'rabbitmq' satisfies Broker;

/** How a saga across services is coordinated: services reacting to each other's events, or one orchestrator. */
export const sagaStyles = ['choreography', 'orchestration'] as const;
