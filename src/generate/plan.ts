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
import { renderContext } from './context.js';
import { diagram } from './diagram.js';
import { templatesRoot } from './paths.js';
import { render, type ComponentInstance } from './render.js';
import { snapshotOf, snapshotPath } from '../evolve/snapshot.js';
import type { FileTree } from './tree.js';
import { packageVersion } from '../cli/version.js';

/** The patterns this version's templates can generate; the others are recommended but not yet built. */
export const generatablePatterns = ['monolith', 'microservices'] as const satisfies readonly PatternId[];
type GeneratablePattern = (typeof generatablePatterns)[number];

export function isGeneratable(pattern: PatternId): pattern is GeneratablePattern {
  return (generatablePatterns as readonly PatternId[]).includes(pattern);
}

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
const components: Record<GeneratablePattern, readonly string[]> = {
  monolith: ['monolith/project', 'monolith/module'],
  microservices: [
    'microservices/project',
    'microservices/platform',
    'microservices/gateway',
    'microservices/service-shell',
    'microservices/service',
    'microservices/system',
  ],
};

/** Component folders rendered once per module or service; every other folder is rendered once. */
const perName = new Set(['module', 'service', 'service-shell']);

export function plan(spec: ProjectSpec, root = templatesRoot): ComponentInstance[] {
  const context = { ...renderContext(spec, diagram(spec)), decision: decisionContext(spec) };
  if (!isGeneratable(spec.pattern)) throw new Error(`the templates cannot generate the ${spec.pattern} pattern yet`);
  const folders = components[spec.pattern];
  return [
    ...folders.flatMap((template) =>
      perName.has(basename(template))
        ? context.modules.map((module) => ({ template, context: { ...context, module } }))
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
