/**
 * From a ProjectSpec to the components that make up the project, then to the
 * complete in-memory file tree. Pure apart from reading the templates.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
export const generatablePatterns: readonly PatternId[] = ['monolith', 'microservices'];

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

/** Component folders of a pattern rendered once per module or service; every other folder is rendered once. */
const perName = new Set(['module', 'service']);

export function plan(spec: ProjectSpec, root = templatesRoot): ComponentInstance[] {
  const context = { ...renderContext(spec, diagram(spec)), decision: decisionContext(spec) };
  const components = readdirSync(join(root, spec.pattern)).sort();
  return [
    ...components.flatMap((component) =>
      perName.has(component)
        ? context.modules.map((module) => ({ template: `${spec.pattern}/${component}`, context: { ...context, module } }))
        : [{ template: `${spec.pattern}/${component}`, context }],
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
