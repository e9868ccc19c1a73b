/** `arch-init split <module>`: a module of the monolith becomes a service of its own. */
import { resolve } from 'node:path';
import { planSplit } from '../../evolve/split.js';
import type { Io } from '../io.js';
import { applyPlan, shownPath, type PlanOptions } from './apply-plan.js';

export async function runSplit(module: string, options: PlanOptions & { dir?: string }, io: Io, templates?: string): Promise<number> {
  const dir = resolve(io.cwd, options.dir ?? '.');
  const plan = await planSplit(dir, module, templates);
  const what = `module ${module} of ${shownPath(io, dir)} into services/${module}/`;
  return applyPlan(plan, dir, { ...options, showDiff: true, title: { done: `Split ${what}`, planned: `Would split ${what}` } }, io);
}
