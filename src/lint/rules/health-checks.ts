import { defineRule } from '../rule.js';

export const healthChecks = defineRule({
  id: 'health-checks',
  meta: {
    title: 'Health checks on every service',
    why: 'Every service needs a health check so the platform can restart what is dead and route around what is not ready; without one a failed instance keeps taking traffic.',
    checks: 'Per service: a health route in its source or a shared library it uses (/health, /healthz, /livez, /readyz, /actuator/health…), a gRPC health service, Spring Boot Actuator, a compose `healthcheck`, a Kubernetes liveness/readiness/startup probe, or a Dockerfile HEALTHCHECK.',
    fix: 'Expose liveness and readiness endpoints (e.g. /health/live and /health/ready) and point a compose healthcheck or Kubernetes probes at them.',
    limits: 'A route string is taken as the endpoint; whether it really checks the service\'s dependencies is not verified.',
    severity: { monolith: 'error', microservices: 'error', 'event-driven': 'error', cqrs: 'error' },
    messages: {
      missingHealth: 'Has no health check.',
    },
  },
  check(model, context) {
    if (model.services.length === 0) context.note('no services found');
    for (const s of model.services) {
      if (s.health.length > 0) continue;
      context.report({ messageId: 'missingHealth', service: s.name, file: s.declaredAt.file, ...(s.declaredAt.line ? { line: s.declaredAt.line } : {}) });
    }
  },
});
