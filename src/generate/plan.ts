/**
 * From a ProjectSpec to the components that make up the project, then to the
 * complete in-memory file tree. Pure apart from reading the templates.
 */
import { basename } from 'node:path';
import { explain, describePattern } from '../decide/explain.js';
import { findPattern, type PatternId } from '../decide/matrix.js';
import { recommend, type Answers } from '../decide/recommend.js';
import { missingAnswers } from '../spec/answers.js';
import type { ProjectSpec } from '../spec/project-spec.js';
import { renderContext, type Part, type RenderContext } from './context.js';
import { diagram } from './diagram.js';
import { templatesRoot } from './paths.js';
import { render, type ComponentInstance } from './render.js';
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
  'microservices/platform',
  'microservices/gateway',
  'microservices/service-shell',
  'microservices/service',
  'microservices/system',
  'microservices/readme',
];
const eventDriven = [
  'microservices/project',
  'microservices/platform',
  'event-driven/platform',
  'microservices/gateway',
  'microservices/service-shell',
  'event-driven/service',
  'event-driven/service-*',
  'event-driven/consumer',
  'event-driven/consumer-test',
  'event-driven/system',
  'event-driven/readme',
];
const components: Record<PatternId, readonly string[]> = {
  monolith: ['monolith/project', 'monolith/module'],
  microservices,
  'event-driven': eventDriven,
  // Event-driven, plus the event store, projections and sharding in the platform.
  cqrs: eventDriven.flatMap((folder) => (folder === 'event-driven/platform' ? [folder, 'cqrs/platform'] : [folder])),
};

/** Component folders rendered once per module or service; every other folder is rendered once. */
const perName = new Set(['module', 'service', 'service-shell', 'service-*', 'consumer', 'consumer-test']);

/** The services of the example order saga; each has a component of its own (`service-orders`, …). */
const flowServices = ['orders', 'products', 'payments'];

/**
 * A module's context: its names and port, and for the services of the example flow which part of
 * it they play (`flow`), whether they consume events (all three do in the order saga), and
 * whether the service is event-sourced with a read model (orders, in the CQRS pattern).
 */
function moduleContext(context: RenderContext, module: Part, spec: ProjectSpec) {
  const flow = context.flows.placeOrder && flowServices.includes(module.kebab) ? module.kebab : undefined;
  // Added with `arch-init add consumer`: handled by a handler the user writes.
  const extraConsumers = spec.consumers?.[module.kebab] ?? [];
  return {
    ...module,
    flow,
    extraConsumers,
    consumes: flow !== undefined || extraConsumers.length > 0,
    eventSourced: context.pattern === 'cqrs' && flow === 'orders',
  };
}

/**
 * `<folder>-*` stands for the module's own folder where the example flow has one, else
 * `<folder>-generic`; an event-sourced service has its own under cqrs/. The consumer folder
 * gives a service outside the flow its handlers once it has any, and every service with
 * consumers added by `arch-init add consumer` gets their test. Undefined: nothing to render.
 */
function folderFor(template: string, module: ReturnType<typeof moduleContext>): string | undefined {
  if (template === 'event-driven/consumer') return module.flow === undefined && module.consumes ? template : undefined;
  if (template === 'event-driven/consumer-test') return module.extraConsumers.length > 0 ? template : undefined;
  if (!template.endsWith('-*')) return template;
  if (module.eventSourced) return `cqrs/service-${module.flow}`;
  return template.replace(/\*$/, module.flow ?? 'generic');
}

export function plan(spec: ProjectSpec, root = templatesRoot): ComponentInstance[] {
  const context = { ...renderContext(spec, diagram(spec)), decision: decisionContext(spec) };
  const folders = components[spec.pattern];
  return [
    ...folders.flatMap((template) =>
      perName.has(basename(template))
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

/** The complete project: rendered templates, arch.json, and the snapshot that `arch-init upgrade` merges against. */
export function generateTree(spec: ProjectSpec, root = templatesRoot): FileTree {
  const tree = render(plan(spec, root), root);
  tree.set('arch.json', archJson(spec));
  tree.set(snapshotPath, snapshotOf(tree, packageVersion()));
  return tree;
}
