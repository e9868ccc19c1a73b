/** `arch-init add saga <name> --in <service> --steps <service>:<action>,…`: an orchestrated saga. */
import { resolve } from 'node:path';
import { planAddSaga } from '../../evolve/add-saga.js';
import type { Io } from '../io.js';
import { applyPlan, shownPath, type PlanOptions } from './apply-plan.js';

export async function runAddSaga(
  name: string,
  options: PlanOptions & { dir?: string; in: string; steps: string },
  io: Io,
  templates?: string,
): Promise<number> {
  const dir = resolve(io.cwd, options.dir ?? '.');
  const plan = planAddSaga(dir, name, options, templates);
  const what = `saga ${name}, directed by ${options.in}, to ${shownPath(io, dir)}`;
  return applyPlan(plan, dir, { ...options, showDiff: true, title: { done: `Added ${what}`, planned: `Would add ${what}` } }, io);
}
