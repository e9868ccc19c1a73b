/** `arch-init add consumer <service> <event-type>`: a service reacts to one more kind of event. */
import { resolve } from 'node:path';
import { planAddConsumer } from '../../evolve/add-consumer.js';
import type { Io } from '../io.js';
import { applyPlan, shownPath, type PlanOptions } from './apply-plan.js';

export async function runAddConsumer(
  service: string,
  type: string,
  options: PlanOptions & { dir?: string },
  io: Io,
  templates?: string,
): Promise<number> {
  const dir = resolve(io.cwd, options.dir ?? '.');
  const plan = planAddConsumer(dir, service, type, templates);
  const what = `a consumer of ${type} to ${service} in ${shownPath(io, dir)}`;
  return applyPlan(plan, dir, { ...options, showDiff: true, title: { done: `Added ${what}`, planned: `Would add ${what}` } }, io);
}
