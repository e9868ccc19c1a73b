/**
 * The ProjectSpec: everything the user chose, and the only input to
 * generation. It is written into every generated project as arch.json.
 */
import { z } from 'zod';
import { patternIds, type PatternId } from '../decide/matrix.js';
import { languages } from '../i18n/text.js';
import { partialAnswersSchema } from './answers.js';
import { brokers, gateways, maxReplicas, maxShards, sagaStyles } from './choices.js';
import { nameProblem, projectNameFrom } from './names.js';

export { brokers, defaultBroker, gateways, sagaStyles } from './choices.js';
/** The database technologies a service can have: PostgreSQL (embedded by default), or MySQL/MariaDB. */
export const databaseKinds = ['postgres', 'mysql'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/** The patterns whose services talk through events. */
export const messagingPatterns: readonly PatternId[] = ['event-driven', 'cqrs'];

/** `order.confirmed`: dot-separated lowercase words, the form every event type of the templates has. */
export const eventTypePattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const eventType = z.string().regex(eventTypePattern, 'expected an event type such as order.confirmed (lowercase words joined by dots)');

const serviceName = z.string().superRefine((name, ctx) => {
  const problem = nameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" ${problem}` });
});

/** A saga's name and its steps' actions: lowercase words joined by dashes, the parts of its event types. */
export const sagaWordPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const sagaWord = z.string().regex(sagaWordPattern, 'expected lowercase words joined by dashes, e.g. refund-order');

const sagaSchema = z.strictObject({
  name: sagaWord,
  /** The service that orchestrates it: it keeps the saga's state and sends the commands. */
  in: z.string(),
  steps: z.array(z.strictObject({ service: z.string(), action: sagaWord })).min(1, 'needs at least one step'),
});
export type SagaSpec = z.infer<typeof sagaSchema>;

/**
 * The event types of a saga's step, as the generated platform's messaging/saga.ts names them:
 * the generator subscribes each step's service to exactly these.
 */
export function sagaMessagesOf(saga: string, action: string): { command: string; undo: string } {
  return { command: `${saga}.${action}`, undo: `${saga}.${action}.undo` };
}

/** A hex prefix of a record's id (ids are UUIDs): where a range of ids begins. */
const idPrefix = z.string().regex(/^[0-9a-f]{1,8}$/, 'expected the hex prefix of an id, e.g. 8 or 4c');

/**
 * How one service's records are spread over its databases, by the record's id: `hash` over
 * `count` shards (even spread), or `range`, where each entry of `from` starts the ids of the
 * next shard in order (the first shard holds the ids below the first entry).
 */
const shardingSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('hash'), count: z.number().int().min(2, 'expected at least 2 shards').max(maxShards, `expected at most ${maxShards} shards`) }),
  z.strictObject({
    by: z.literal('range'),
    from: z
      .array(idPrefix)
      .min(1, 'expected at least one range boundary')
      .max(maxShards - 1, `expected at most ${maxShards} shards`)
      .refine((from) => from.every((value, i) => i === 0 || from[i - 1]! < value), 'expected boundaries in increasing order'),
  }),
]);
export type Sharding = z.infer<typeof shardingSchema>;

/** How many shards a service's sharding makes. */
export function shardCount(sharding: Sharding): number {
  return sharding.by === 'hash' ? sharding.count : sharding.from.length + 1;
}

export const projectSpecSchema = z.strictObject({
  name: z.string().refine((name) => projectNameFrom(name) === name, {
    message: 'must be lowercase letters, digits and dashes, starting with a letter',
  }),
  pattern: z.enum(patternIds),
  services: z
    .array(serviceName)
    .min(1, 'needs at least one name')
    .max(30, 'at most 30 services')
    .superRefine((names, ctx) => {
      const seen = new Set<string>();
      for (const name of names) {
        if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is listed twice` });
        seen.add(name);
      }
    }),
  /** Every service's database technology unless `databases` names another for it. */
  database: z.literal('postgres'),
  /** Services whose database is another technology than `database`, by name (`--database orders=mysql`). */
  databases: z.record(z.string(), z.enum(databaseKinds)).optional(),
  broker: z.enum(brokers),
  /** How a saga across services is coordinated; only where services talk through events. */
  saga: z.enum(sagaStyles).optional(),
  /** Event types a service consumes beyond the example flow's, added by `arch-init add consumer`. */
  consumers: z.record(z.string(), z.array(eventType)).optional(),
  /** Orchestrated sagas added by `arch-init add saga`: the service that directs each, and its steps. */
  sagas: z.array(sagaSchema).optional(),
  /** Modules of a monolith turned into services of their own by `arch-init split`, in that order. */
  split: z.array(serviceName).optional(),
  /** What stands at the edge of a distributed project; the generated Node gateway when absent. */
  gateway: z.enum(gateways).optional(),
  /** Services whose data is split over several databases, by name (`--shards products=hash:4`). */
  shards: z.record(z.string(), shardingSchema).optional(),
  /** Services run as several instances behind the gateway, by name; one instance when absent. */
  replicas: z.record(z.string(), z.number().int().min(1, 'expected at least 1 instance').max(maxReplicas, `expected at most ${maxReplicas} instances`)).optional(),
  port: z.number().int().min(1024).max(65535),
  lang: z.enum(languages),
  decision: z.strictObject({
    answers: partialAnswersSchema.optional(),
    recommended: z.enum(patternIds).optional(),
    /** True when the user chose a pattern other than the recommended one. */
    overridden: z.boolean(),
  }),
}).superRefine((spec, ctx) => {
  const messaging = messagingPatterns.includes(spec.pattern);
  if (messaging && spec.broker === 'none') {
    ctx.addIssue({ code: 'custom', path: ['broker'], message: `the ${spec.pattern} pattern needs one of rabbitmq, nats, kafka` });
  }
  if (!messaging && spec.broker !== 'none') {
    ctx.addIssue({ code: 'custom', path: ['broker'], message: `the ${spec.pattern} pattern has no broker; choose --pattern event-driven or cqrs` });
  }
  if (spec.pattern === 'cqrs' && spec.saga === 'orchestration') {
    ctx.addIssue({
      code: 'custom',
      path: ['saga'],
      message: 'the cqrs pattern generates the choreography saga (its event-sourced orders service reacts to events); use --pattern event-driven for an orchestrated one',
    });
  }
  for (const service of Object.keys(spec.consumers ?? {})) {
    if (!messaging) {
      ctx.addIssue({ code: 'custom', path: ['consumers'], message: `the ${spec.pattern} pattern has no events to consume` });
    } else if (!spec.services.includes(service)) {
      ctx.addIssue({ code: 'custom', path: ['consumers', service], message: `"${service}" is not one of the services` });
    }
  }
  for (const [i, saga] of (spec.sagas ?? []).entries()) {
    const at = (...path: (string | number)[]) => ['sagas', i, ...path];
    if (!messaging) ctx.addIssue({ code: 'custom', path: at(), message: `the ${spec.pattern} pattern has no events to run a saga on` });
    if (!spec.services.includes(saga.in)) ctx.addIssue({ code: 'custom', path: at('in'), message: `"${saga.in}" is not one of the services` });
    if ((spec.sagas ?? []).findIndex((other) => other.name === saga.name) !== i) {
      ctx.addIssue({ code: 'custom', path: at('name'), message: `"${saga.name}" is listed twice` });
    }
    for (const [j, step] of saga.steps.entries()) {
      if (!spec.services.includes(step.service)) ctx.addIssue({ code: 'custom', path: at('steps', j, 'service'), message: `"${step.service}" is not one of the services` });
      if (saga.steps.findIndex((other) => other.action === step.action) !== j) {
        ctx.addIssue({ code: 'custom', path: at('steps', j, 'action'), message: `"${step.action}" is already a step of ${saga.name}` });
      }
    }
  }
  const split = spec.split ?? [];
  if (split.length > 0 && spec.pattern !== 'monolith') {
    ctx.addIssue({ code: 'custom', path: ['split'], message: `only a monolith has modules to split; the ${spec.pattern} pattern has services already` });
  }
  for (const [i, name] of split.entries()) {
    if (!spec.services.includes(name)) ctx.addIssue({ code: 'custom', path: ['split', i], message: `"${name}" is not one of the modules` });
    else if (split.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['split', i], message: `"${name}" is listed twice` });
  }
  if (split.length > 0 && spec.services.every((name) => split.includes(name))) {
    ctx.addIssue({ code: 'custom', path: ['split'], message: 'at least one module stays in the monolith' });
  }
  if (spec.pattern === 'monolith' && spec.gateway !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['gateway'], message: 'a monolith has no gateway; choose --pattern microservices, event-driven or cqrs' });
  }
  for (const [service, kind] of Object.entries(spec.databases ?? {})) {
    if (!spec.services.includes(service)) {
      ctx.addIssue({ code: 'custom', path: ['databases', service], message: `"${service}" is not one of the services` });
    } else if (kind === 'mysql' && spec.pattern !== 'microservices') {
      ctx.addIssue({
        code: 'custom',
        path: ['databases', service],
        message: `MySQL is generated for the microservices pattern; the ${spec.pattern} pattern keeps its ${spec.pattern === 'monolith' ? 'one database' : 'outbox, inbox and event store'} on PostgreSQL`,
      });
    }
  }
  for (const service of Object.keys(spec.shards ?? {})) {
    const at = ['shards', service];
    if (!spec.services.includes(service)) ctx.addIssue({ code: 'custom', path: at, message: `"${service}" is not one of the services` });
    else if (spec.pattern !== 'microservices') {
      ctx.addIssue({ code: 'custom', path: at, message: `sharding is generated for the microservices pattern; the ${spec.pattern} pattern keeps each service's data in one database` });
    } else if (databaseOf(spec, service) !== 'postgres') {
      ctx.addIssue({ code: 'custom', path: at, message: `"${service}" is on ${databaseOf(spec, service)}; sharding is generated for PostgreSQL services` });
    } else if (replicasOf(spec, service) > 1) {
      ctx.addIssue({ code: 'custom', path: at, message: `"${service}" cannot be both sharded and replicated here; choose one` });
    }
  }
  for (const service of Object.keys(spec.replicas ?? {})) {
    if (spec.pattern === 'monolith') {
      ctx.addIssue({ code: 'custom', path: ['replicas'], message: 'a monolith runs as one process here; choose --pattern microservices, event-driven or cqrs' });
    } else if (!spec.services.includes(service)) {
      ctx.addIssue({ code: 'custom', path: ['replicas', service], message: `"${service}" is not one of the services` });
    }
  }
  if (!messaging && spec.saga !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['saga'], message: `the ${spec.pattern} pattern has no saga; choose --pattern event-driven or cqrs` });
  }
});

export type ProjectSpec = z.infer<typeof projectSpecSchema>;

/** A service's database technology: as `--database` set it, else the project's. */
export function databaseOf(spec: Pick<ProjectSpec, 'database' | 'databases'>, service: string): DatabaseKind {
  return spec.databases?.[service] ?? spec.database;
}

/** How many instances of a service run: as `--replicas` set it, else one. */
export function replicasOf(spec: Pick<ProjectSpec, 'replicas'>, service: string): number {
  return spec.replicas?.[service] ?? 1;
}

export const defaultServices = ['users', 'products', 'orders', 'payments'];
/** The entry point's port: the monolith itself, or the gateway in front of the services. */
export function defaultPort(pattern: ProjectSpec['pattern']): number {
  return pattern === 'monolith' ? 3000 : 8080;
}
