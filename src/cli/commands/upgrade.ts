/** `arch-init upgrade [directory]`: bring a generated project up to the current templates, keeping the user's edits. */
import { resolve } from 'node:path';
import { planUpgrade } from '../../evolve/upgrade.js';
import type { Io } from '../io.js';
import { applyPlan, shownPath, type PlanOptions } from './apply-plan.js';

export async function runUpgrade(directory: string | undefined, options: PlanOptions, io: Io, templates?: string): Promise<number> {
  const dir = resolve(io.cwd, directory ?? '.');
  const plan = planUpgrade(dir, templates);
  const versions = `from arch-init ${plan.from} to ${plan.to}`;
  return applyPlan(plan, dir, { ...options, title: { done: `Upgraded ${shownPath(io, dir)} ${versions}`, planned: `Would upgrade ${shownPath(io, dir)} ${versions}` } }, io);
}
