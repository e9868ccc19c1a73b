/**
 * From a ProjectSpec to the components that make up the project, then to the
 * complete in-memory file tree. Pure apart from reading the templates.
 */
import { basename } from 'node:path';
import { explain, describePattern } from '../decide/explain.js';
import { findPattern, type PatternId } from '../decide/matrix.js';
import { recommend, type Answers } from '../decide/recommend.js';
import { missingAnswers } from '../spec/answers.js';
import { sagaMessagesOf, type ProjectSpec } from '../spec/project-spec.js';
import { nameForms } from '../spec/names.js';
import { renderContext, type Part, type RenderContext } from './context.js';
import { diagram } from './diagram.js';
import { templatesRoot } from './paths.js';
import { render, TemplateError, type ComponentInstance } from './render.js';
import { moveModule } from '../evolve/move-module.js';
import { snapshotOf, snapshotPath } from '../evolve/snapshot.js';
import type { FileTree } from './tree.js';
import { packageVersion } from '../cli/version.js';

function decisionContext(spec: ProjectSpec) {
  const answers = spec.decision.answers;
  const consulted = answers !== undefined && missingAnswers(answers).length === 0;
  const explanation = consulted ? explain(recommend(answers as Answers), spec.lang) : undefined;
  return {
    chosen: describePattern(findPattern(spec.pattern), spec.lang),
    consulted,
    overridden: spec.decision.overridden,
    recommended: explanation?.pattern,
    combination: explanation?.combination ?? '',
    ranking: explanation?.ranking ?? [],
    answers: explanation?.answers ?? [],
    reasons: explanation?.reasons ?? [],
    against: explanation?.against ?? [],
  };
}

/**
 * The template folders each pattern is made of. Distributed patterns share the microservices
 * chassis (platform, gateway, the shell of a service) and bring their own domain code and
 * system tests; `docs/<lang>` is added to every project.
 */
const microservices = [
  'microservices/project',
  'microservices/workspace',
  'microservices/platform',
  'microservices/platform-resilience',
  'microservices/platform-mysql',
  'platform-sharding',
  'microservices/platform-sharding',
  'gateway',
  'microservices/service-shell',
  'microservices/service',
  'microservices/service-sharding',
  'gateways/system',
  'microservices/system',
  'microservices/readme',
];
const eventDriven = [
  'microservices/project',
  'microservices/workspace',
  'microservices/platform',
  'microservices/platform-resilience',
  'event-driven/platform',
  'gateway',
  'microservices/service-shell',
  'event-driven/service',
  'event-driven/service-*',
  'event-driven/orders-schema',
  'event-driven/consumer',
  'event-driven/consumer-test',
  'event-driven/saga-platform',
  'event-driven/saga',
  'gateways/system',
  'event-driven/system',
  'event-driven/readme',
];
const components: Record<PatternId, readonly string[]> = {
  monolith: ['monolith/project', 'monolith/module'],
  microservices,
  'event-driven': eventDriven,
  // Event-driven, plus the event store, projections and the shard routers in the platform.
  cqrs: eventDriven.flatMap((folder) => (folder === 'event-driven/platform' ? [folder, 'cqrs/platform', 'platform-sharding'] : [folder])),
};

/**
 * What a monolith gains once `arch-init split` has moved modules out into services: what every
 * workspace root has (the base tsconfig, the tests' process runner), the platform the services
 * stand on and a gateway in front (each split service is added by splitOut()).
 */
const splitMonolith = ['split/project', 'microservices/workspace', 'microservices/platform', 'microservices/platform-resilience', 'gateway'];

/** Component folders rendered once per module or service; every other folder is rendered once. */
const perName = new Set(['module', 'service', 'service-shell', 'service-sharding', 'service-*', 'orders-schema', 'consumer', 'consumer-test', 'saga']);

/** The services of the example order saga; each has a component of its own (`service-orders`, …). */
const flowServices = ['orders', 'products', 'payments'];

/**
 * A module's context: its names and port, and for the services of the example flow which part of
 * it they play (`flow`); whether it has event handlers (`hasHandlers`: all three services of the
 * order saga, and any with consumers added), which sagas it directs (`sagas`, added with
 * `arch-init add saga`), whether it consumes events at all (handlers or sagas' replies), and
 * whether the service is event-sourced with a read model (orders, in the CQRS pattern), and the
 * most pods its autoscaler may run.
 */
function moduleContext(context: RenderContext, module: Part, spec: ProjectSpec) {
  const flow = context.flows.placeOrder && flowServices.includes(module.kebab) ? module.kebab : undefined;
  // Added with `arch-init add consumer`: handled by a handler the user writes.
  const extraConsumers = spec.consumers?.[module.kebab] ?? [];
  const hasHandlers = flow !== undefined || extraConsumers.length > 0;
  // Added with `arch-init add saga`: the sagas this service directs.
  const sagas = (spec.sagas ?? []).filter((saga) => saga.in === module.kebab).map((saga) => ({ ...saga, camel: nameForms(saga.name).camel }));
  return {
    ...module,
    flow,
    extraConsumers,
    hasHandlers,
    sagas,
    orchestrates: sagas.length > 0,
    // The saga commands among its consumers (added by `arch-init add saga`), for their scaffolds.
    sagaCommands: sagaTypes(spec, 'command'),
    sagaUndos: sagaTypes(spec, 'undo'),
    consumes: hasHandlers || sagas.length > 0,
    eventSourced: context.pattern === 'cqrs' && flow === 'orders',
    // Where `--replicas` set a floor, the autoscaler may add pods up to three times as many.
    maxReplicas: module.replicas * 3,
  };
}

/** The event types of every saga step's command (or its undoing), as a set for the templates' lookups. */
function sagaTypes(spec: ProjectSpec, kind: 'command' | 'undo'): Record<string, true> {
  const steps = (spec.sagas ?? []).flatMap((saga) => saga.steps.map((step) => sagaMessagesOf(saga.name, step.action)[kind]));
  return Object.fromEntries(steps.map((type) => [type, true]));
}

/**
 * `<folder>-*` stands for the module's own folder where the example flow has one, else
 * `<folder>-generic`; an event-sourced service has its own under cqrs/. The consumer folder
 * gives a service outside the flow its handlers once it has any, and every service with
 * consumers added by `arch-init add consumer` gets their test; a sharded service gets its shard
 * layout (service-sharding). Undefined: nothing to render.
 */
function folderFor(template: string, module: ReturnType<typeof moduleContext>): string | undefined {
  if (template === 'event-driven/consumer') return module.flow === undefined && module.hasHandlers ? template : undefined;
  if (template === 'event-driven/saga') return module.orchestrates ? template : undefined;
  // The orders service's schema (its HTTP input and its order) is the same event-sourced or not.
  if (template === 'event-driven/orders-schema') return module.flow === 'orders' ? template : undefined;
  if (template === 'event-driven/consumer-test') return module.extraConsumers.length > 0 ? template : undefined;
  if (template === 'microservices/service-sharding') return module.shards === false ? undefined : template;
  if (!template.endsWith('-*')) return template;
  if (module.eventSourced) return `cqrs/service-${module.flow}`;
  return template.replace(/\*$/, module.flow ?? 'generic');
}

function projectContext(spec: ProjectSpec) {
  return { ...renderContext(spec, diagram(spec)), decision: decisionContext(spec), sagas: spec.sagas ?? [] };
}

/**
 * The gateway in front of a split monolith routes each module's prefix to where it runs now:
 * the monolith for the modules it kept, the module's own service for the others.
 */
function splitGatewayContext<Context extends RenderContext>(context: Context, gatewayPort: number) {
  return {
    ...context,
    port: gatewayPort,
    modules: context.modules.map((module) => (module.remote ? module : { ...module, port: context.port, instancePorts: [context.port] })),
  };
}

/**
 * `gateway` stands for the project's edge: the Node gateway, or NGINX or Kong with what they
 * need beside them. The Node gateway and NGINX's token verifier share the routing table, the
 * token check and their workspace's setup (gateways/shared).
 */
function gatewayFolders(spec: ProjectSpec): string[] {
  const gateway = spec.gateway ?? 'node';
  return gateway === 'kong' ? ['gateways/kong'] : ['gateways/shared', `gateways/${gateway}`];
}

export function plan(spec: ProjectSpec, root = templatesRoot): ComponentInstance[] {
  const context = projectContext(spec);
  const { split } = context;
  const folders = (split === false ? components[spec.pattern] : [...components[spec.pattern], ...splitMonolith])
    // The saga engine joins the platform with the first saga, the MySQL database with the first
    // MySQL service, and a microservices platform gets the shard routers with the first sharded
    // service; the resilient HTTP client comes with the first call over HTTP.
    .filter((folder) => folder !== 'event-driven/saga-platform' || (spec.sagas ?? []).length > 0)
    .filter((folder) => folder !== 'microservices/platform-resilience' || context.serviceCalls)
    .filter((folder) => folder !== 'microservices/platform-mysql' || context.mysql)
    .filter((folder) => !(spec.pattern === 'microservices' && folder.endsWith('platform-sharding')) || context.sharded);
  return [
    ...folders.flatMap((folder) => (folder === 'gateway' ? gatewayFolders(spec) : [folder])).flatMap((template) =>
      split !== false && gatewayFolders(spec).includes(template)
        ? [{ template, context: splitGatewayContext(context, split.gatewayPort) }]
        : perName.has(basename(template))
        ? context.modules.flatMap((part) => {
            const module = moduleContext(context, part, spec);
            const folder = folderFor(template, module);
            return folder === undefined ? [] : [{ template: folder, context: { ...context, module } }];
          })
        : [{ template, context }],
    ),
    { template: `docs/${spec.lang}`, context },
  ];
}

/** arch.json: the spec and the generator that produced the project, so later commands can re-render it. */
export function archJson(spec: ProjectSpec): string {
  return `${JSON.stringify({ generator: { name: 'arch-init', version: packageVersion() }, ...spec }, null, 2)}\n`;
}

/**
 * A module split out of the monolith: its files move to services/<module>/ (see move-module.ts)
 * inside the shell of a service (package, config, server, app), and the monolith keeps the
 * module's public interface, now answered over HTTP (split/remote), and its schema's types.
 */
function splitOut(tree: FileTree, spec: ProjectSpec, context: ReturnType<typeof projectContext>, name: string, root: string): void {
  const part = context.modules.find((module) => module.kebab === name)!;
  const module = moduleContext(context, part, spec);
  const prefix = `src/modules/${name}/`;
  const files = new Map([...tree].filter(([path]) => path.startsWith(prefix)).map(([path, content]) => [path, String(content)]));
  const moved = moveModule(files, name, spec.name);
  if (moved.problems.length > 0) throw new TemplateError(`module ${name} cannot be split: ${moved.problems.join('; ')}`);
  for (const path of files.keys()) if (path !== `${prefix}schema.ts`) tree.delete(path);

  const service = render(
    ['microservices/service-shell', 'microservices/service', 'split/remote', 'split/service'].map((template) => ({ template, context: { ...context, module } })),
    root,
  );
  for (const [path, content] of service) {
    // The service's domain code is the module's, moved below.
    if (SERVICE_DOMAIN_CODE.test(path)) continue;
    tree.set(path, content);
  }
  for (const [path, content] of moved.files) tree.set(path, content);
}

/** What the service templates would add beside the shell of a service: its own domain code and tests. */
const SERVICE_DOMAIN_CODE = /^services\/[^/]+\/(migrations\/|test\/(?!support\/)|src\/(?!(app|config|main|server)\.ts$))/;

/** The complete project: rendered templates, arch.json, and the snapshot that `arch-init upgrade` merges against. */
export function generateTree(spec: ProjectSpec, root = templatesRoot): FileTree {
  const tree = render(plan(spec, root), root);
  if (spec.pattern === 'monolith' && (spec.split ?? []).length > 0) {
    const context = projectContext(spec);
    for (const name of spec.split ?? []) splitOut(tree, spec, context, name, root);
    // A monolith is deployed with docker-compose, and so are the gateway and services beside it.
    for (const path of tree.keys()) if (path.startsWith('k8s/')) tree.delete(path);
  }
  tree.set('arch.json', archJson(spec));
  tree.set(snapshotPath, snapshotOf(tree, packageVersion()));
  return tree;
}
