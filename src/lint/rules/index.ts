import type { Rule } from '../rule.js';
import { apiGateway } from './api-gateway.js';
import { asyncMessaging } from './async-messaging.js';
import { circuitBreaker } from './circuit-breaker.js';
import { databasePerService } from './database-per-service.js';
import { distributedTracing } from './distributed-tracing.js';
import { healthChecks } from './health-checks.js';
import { serviceBoundaries } from './service-boundaries.js';

/** The checklist, in the guide's order. A test keeps this list and the files in this folder the same. */
export const RULES: readonly Rule[] = [
  serviceBoundaries, databasePerService, apiGateway, circuitBreaker, asyncMessaging, distributedTracing, healthChecks,
] as readonly Rule[];

export const RULE_IDS = RULES.map((r) => r.id);

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
