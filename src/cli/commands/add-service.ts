/** `arch-init add service <name>`: a new service, wired into everything that must know about it. */
import { resolve } from 'node:path';
import { planAddService } from '../../evolve/add-service.js';
import type { Io } from '../io.js';
import { applyPlan, shownPath, type PlanOptions } from './apply-plan.js';

export async function runAddService(name: string, options: PlanOptions & { dir?: string }, io: Io, templates?: string): Promise<number> {
  const dir = resolve(io.cwd, options.dir ?? '.');
  const plan = planAddService(dir, name, templates);
  const what = `service ${name} to ${shownPath(io, dir)}`;
  return applyPlan(plan, dir, { ...options, showDiff: true, title: { done: `Added ${what}`, planned: `Would add ${what}` } }, io);
}
