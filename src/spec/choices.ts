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

/**
 * What stands at the edge of a distributed project: the generated Node gateway, NGINX (a
 * generated nginx.conf with a small token verifier beside it) or Kong (a DB-less kong.yml).
 */
export const gateways = ['node', 'nginx', 'kong'] as const;
export type Gateway = (typeof gateways)[number];

/** At most this many instances of one service are generated (docker-compose, Kubernetes, `npm run dev`). */
export const maxReplicas = 10;

/** At most this many databases one service's data is split over (`--shards`). */
export const maxShards = 16;
