/** The data every template renders from. Built from the ProjectSpec alone. */
import { databaseOf, replicasOf, shardCount, type DatabaseKind, type ProjectSpec, type Sharding } from '../spec/project-spec.js';
import type { Gateway } from '../spec/choices.js';
import { nameForms, type NameForms } from '../spec/names.js';
import { packageVersion } from '../cli/version.js';

/** A module or service: its names, and the port it listens on when it runs as its own process. */
export type Part = NameForms & {
  port: number;
  /** The name in environment variables: PRODUCTS for products (PRODUCTS_URL). */
  upperSnake: string;
  /** A module of a monolith that `arch-init split` turned into a service: the monolith calls it over HTTP. */
  remote: boolean;
  /** How many instances of it run behind the gateway (`--replicas`). */
  replicas: number;
  /** Where each instance listens when everything runs on one machine: `port`, then a hundred up for each further one. */
  instancePorts: number[];
  /** Its database technology (`--database`), with a flag for the templates. */
  database: DatabaseKind;
  mysql: boolean;
  /**
   * How its records are split over databases by id (`--shards`), with the shards' names
   * (shard-0, shard-1, …) and, for ranges, where each shard's ids begin; false when it has one.
   */
  shards: (Sharding & { names: string[]; ranges: { shard: string; from: string }[] }) | false;
};

/** Where the gateway that `arch-init split` puts in front of a monolith listens. */
const splitGatewayPort = 8080;

/** When services run as their own processes they listen from here up (3001, 3002, …). */
const firstServicePort = 3001;
/** A further instance of a service listens this far above the one before (orders on 3003, 3103, …). */
const instancePortStep = 100;

export interface RenderContext {
  generator: { name: 'arch-init'; version: string };
  project: { name: string; title: string };
  pattern: ProjectSpec['pattern'];
  modules: Part[];
  /** Whether modules were split out of a monolith (they are its `services`), and their gateway's port. */
  split: { gatewayPort: number } | false;
  /** The modules that run as services of their own: all of them, or those split out of a monolith. */
  services: Part[];
  /** Whether each module (by name) runs as a service split out of the monolith. */
  remote: Record<string, boolean>;
  /** What stands at the edge, with a flag per kind for the templates. */
  gateway: { kind: Gateway } & Record<Gateway, boolean>;
  /** Whether any service's data is split over several databases: the platform then carries the shard routers. */
  sharded: boolean;
  /** Whether any service's database is MySQL (it needs a server: the tests and `npm run dev` look for one). */
  mysql: boolean;
  /** The first service that runs as more than one instance, if any: the system tests balance over it. */
  replicated: Part | false;
  /**
   * Whether a process calls another over HTTP (the Node gateway, orders calling products and
   * payments, a split monolith calling its services): the platform then carries the resilient client.
   */
  serviceCalls: boolean;
  flows: { placeOrder: boolean };
  /** Where services talk through events: the production broker and the saga style. */
  messaging: { broker: Exclude<ProjectSpec['broker'], 'none'>; saga: NonNullable<ProjectSpec['saga']> } | false;
  /** The HTTP port of the project's entry point: the monolith, or the gateway. */
  port: number;
  diagram: string;
  module?: Part;
}

function shardsOf(sharding: Sharding | undefined): Part['shards'] {
  if (sharding === undefined) return false;
  const names = Array.from({ length: shardCount(sharding) }, (_, i) => `shard-${i}`);
  const ranges = sharding.by === 'range' ? names.map((shard, i) => ({ shard, from: i === 0 ? '' : sharding.from[i - 1]! })) : [];
  return { ...sharding, names, ranges };
}

/** The cross-module example flow needs all three modules it crosses. */
export function hasPlaceOrderFlow(spec: ProjectSpec): boolean {
  return ['orders', 'products', 'payments'].every((name) => spec.services.includes(name));
}

export function renderContext(spec: ProjectSpec, diagram: string): RenderContext {
  const split = spec.split ?? [];
  const modules = spec.services.map((name, i) => {
    const forms = nameForms(name);
    const port = firstServicePort + i;
    const replicas = replicasOf(spec, name);
    return {
      ...forms,
      port,
      upperSnake: forms.snake.toUpperCase(),
      remote: split.includes(name),
      replicas,
      instancePorts: Array.from({ length: replicas }, (_, k) => port + k * instancePortStep),
      database: databaseOf(spec, name),
      mysql: databaseOf(spec, name) === 'mysql',
      shards: shardsOf(spec.shards?.[name]),
    };
  });
  const gateway = spec.gateway ?? 'node';
  const placeOrder = hasPlaceOrderFlow(spec);
  return {
    generator: { name: 'arch-init', version: packageVersion() },
    project: { name: spec.name, title: nameForms(spec.name).title },
    pattern: spec.pattern,
    modules,
    split: split.length === 0 ? false : { gatewayPort: splitGatewayPort },
    services: spec.pattern === 'monolith' ? modules.filter((module) => module.remote) : modules,
    remote: Object.fromEntries(modules.map((module) => [module.kebab, module.remote])),
    gateway: { kind: gateway, node: gateway === 'node', nginx: gateway === 'nginx', kong: gateway === 'kong' },
    replicated: modules.find((module) => module.replicas > 1) ?? false,
    // Event-driven orders reach products and payments through events, not HTTP.
    serviceCalls:
      split.length > 0 || (spec.pattern !== 'monolith' && gateway === 'node') || (spec.pattern === 'microservices' && placeOrder),
    mysql: modules.some((module) => module.mysql),
    sharded: modules.some((module) => module.shards !== false),
    flows: { placeOrder },
    messaging: spec.broker === 'none' ? false : { broker: spec.broker, saga: spec.saga ?? 'choreography' },
    port: spec.port,
    diagram,
  };
}
