/**
 * `arch-init add service <name>`: the project as if it had been generated with
 * one more service, applied to the user's tree: new files added, generated
 * files that list the services updated (TypeScript lists as syntax-tree edits,
 * the rest by three-way merge), the user's own edits kept.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { generateTree } from '../generate/plan.js';
import { templatesRoot } from '../generate/paths.js';
import { nameProblem } from '../spec/names.js';
import { projectSpecSchema } from '../spec/project-spec.js';
import { asArrayAppends } from './ts-edits.js';
import { withSyntaxEdits } from './syntax-edits.js';
import { planChange, readProject, requireCurrentGenerator, type UpgradePlan } from './upgrade.js';

export function planAddService(dir: string, name: string, root = templatesRoot): UpgradePlan {
  const { spec, base } = readProject(dir);
  if (spec.pattern === 'monolith') {
    throw new UsageError(`${dir}: is a monolith, which has modules rather than services (arch-init split <module> turns one into a service)`);
  }
  const problem = nameProblem(name);
  if (problem) throw new UsageError(`service name: "${name}" ${problem}`);
  if (spec.services.includes(name) || existsSync(join(dir, 'services', name))) {
    throw new UsageError(`service name: "${name}" already exists in ${dir}`);
  }
  requireCurrentGenerator(dir, base, 'adding a service');
  const theirs = generateTree(projectSpecSchema.parse({ ...spec, services: [...spec.services, name] }), root);
  return withSyntaxEdits(planChange(dir, base, theirs), dir, base, theirs, asArrayAppends);
}
