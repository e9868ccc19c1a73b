/**
 * `arch-init add consumer <service> <event-type>`: the project as if it had been generated with
 * the service consuming one more event type, applied to the user's tree like `add service`. The
 * new handler is added to the service's handlers as a syntax-tree edit; a service that consumed
 * nothing yet gets its handlers, its consumer and their test.
 */
import { UsageError } from '../cli/errors.js';
import { templatesRoot } from '../generate/paths.js';
import { generateTree } from '../generate/plan.js';
import { eventTypePattern, projectSpecSchema } from '../spec/project-spec.js';
import { withSyntaxEdits } from './syntax-edits.js';
import { asArrayAppends, asPropertyAppends, objectPropertyNames } from './ts-edits.js';
import { planChange, readProject, requireCurrentGenerator, requireMessaging, type UpgradePlan } from './upgrade.js';

export function planAddConsumer(dir: string, service: string, type: string, root = templatesRoot): UpgradePlan {
  const { spec, base } = readProject(dir);
  requireMessaging(dir, spec);
  if (!spec.services.includes(service)) {
    throw new UsageError(`service: "${service}" is not a service of ${dir} (they are ${spec.services.join(', ')})`);
  }
  if (!eventTypePattern.test(type)) {
    throw new UsageError(`event type: "${type}" is not an event type such as order.confirmed (lowercase words joined by dots)`);
  }
  const handlers = base.files[`services/${service}/src/handlers.ts`];
  if (handlers !== undefined && objectPropertyNames(handlers).includes(type)) {
    throw new UsageError(`event type: ${service} already consumes ${type}`);
  }
  requireCurrentGenerator(dir, base, 'adding a consumer');
  const consumers = { ...spec.consumers, [service]: [...(spec.consumers?.[service] ?? []), type] };
  const theirs = generateTree(projectSpecSchema.parse({ ...spec, consumers }), root);
  return withSyntaxEdits(planChange(dir, base, theirs), dir, base, theirs, asPropertyAppends, asArrayAppends);
}
