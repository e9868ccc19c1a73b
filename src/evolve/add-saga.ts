/**
 * `arch-init add saga <name> --in <service> --steps <service>:<action>,…`: an orchestrated saga
 * (the platform's messaging/saga.ts) directed by one service, applied to the user's tree like
 * `add consumer`. The orchestrator gets the saga's definition, its reply handlers wired into its
 * consumer and a test that runs it; each step's service gets the handlers of its command and of
 * its undoing, which throw until the user writes them (the commands wait in its dead letters).
 */
import { UsageError } from '../cli/errors.js';
import { templatesRoot } from '../generate/paths.js';
import { generateTree } from '../generate/plan.js';
import { projectSpecSchema, sagaMessagesOf, sagaWordPattern, type SagaSpec } from '../spec/project-spec.js';
import { withSyntaxEdits } from './syntax-edits.js';
import { asArrayAppends, asPropertyAppends } from './ts-edits.js';
import { planChange, readProject, requireCurrentGenerator, requireMessaging, type UpgradePlan } from './upgrade.js';

/** "payments:repay,products:restock" → the steps, or a one-line error naming what is wrong. */
export function parseSteps(text: string, services: readonly string[]): SagaSpec['steps'] {
  const steps = text.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const [service = '', action = '', extra] = item.split(':');
    if (extra !== undefined || service === '' || action === '') throw new UsageError(`--steps: "${item}" is not <service>:<action>, e.g. payments:refund`);
    if (!services.includes(service)) throw new UsageError(`--steps: "${service}" is not a service (they are ${services.join(', ')})`);
    if (!sagaWordPattern.test(action)) throw new UsageError(`--steps: action "${action}" must be lowercase words joined by dashes, e.g. refund`);
    return { service, action };
  });
  if (steps.length === 0) throw new UsageError('--steps: a saga needs at least one step, e.g. payments:refund,products:restock');
  const actions = steps.map((step) => step.action);
  const repeated = actions.find((action, i) => actions.indexOf(action) !== i);
  if (repeated !== undefined) throw new UsageError(`--steps: action "${repeated}" is listed twice; each step needs its own`);
  return steps;
}

export function planAddSaga(dir: string, name: string, options: { in: string; steps: string }, root = templatesRoot): UpgradePlan {
  const { spec, base } = readProject(dir);
  requireMessaging(dir, spec);
  if (!sagaWordPattern.test(name)) throw new UsageError(`saga name: "${name}" must be lowercase words joined by dashes, e.g. refund-order`);
  if ((spec.sagas ?? []).some((saga) => saga.name === name)) throw new UsageError(`saga name: "${name}" already exists in ${dir}`);
  if (!spec.services.includes(options.in)) {
    throw new UsageError(`--in: "${options.in}" is not a service of ${dir} (they are ${spec.services.join(', ')})`);
  }
  const steps = parseSteps(options.steps, spec.services);
  requireCurrentGenerator(dir, base, 'adding a saga');

  const consumers: Record<string, string[]> = { ...spec.consumers };
  for (const step of steps) {
    const added = sagaMessagesOf(name, step.action);
    consumers[step.service] = [...new Set([...(consumers[step.service] ?? []), added.command, added.undo])];
  }
  const sagas = [...(spec.sagas ?? []), { name, in: options.in, steps }];
  const theirs = generateTree(projectSpecSchema.parse({ ...spec, consumers, sagas }), root);
  return withSyntaxEdits(planChange(dir, base, theirs), dir, base, theirs, asPropertyAppends, asArrayAppends);
}
