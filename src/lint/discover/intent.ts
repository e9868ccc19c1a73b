import type { Intent, Pattern, Service } from '../model.js';

/** The repository's intended architecture: the config, else arch.json, else inferred from what was found. */
export function decideIntent(fromConfig: Pattern | undefined, fromArchJson: Pattern | undefined, services: readonly Service[]): Intent {
  if (fromConfig) return { pattern: fromConfig, source: 'config', reason: 'set by "architecture" in the arch-lint config' };
  if (fromArchJson) return { pattern: fromArchJson, source: 'arch.json', reason: 'recorded in arch.json' };
  const apps = services.filter((s) => !s.gateway);
  if (apps.length <= 1) return { pattern: 'monolith', source: 'inferred', reason: `${apps.length} deployable service found` };
  const onBroker = apps.filter((s) => s.brokers.length > 0).length;
  if (onBroker * 2 >= apps.length) {
    return { pattern: 'event-driven', source: 'inferred', reason: `${apps.length} services, ${onBroker} of them on a message broker` };
  }
  return { pattern: 'microservices', source: 'inferred', reason: `${apps.length} services, ${onBroker} of them on a message broker` };
}
