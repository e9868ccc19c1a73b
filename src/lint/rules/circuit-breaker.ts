import { defineRule } from '../rule.js';

export const circuitBreaker = defineRule({
  id: 'circuit-breaker',
  meta: {
    title: 'Circuit breakers on outbound calls',
    why: 'A circuit breaker stops calls to a failing service (closed → open: fail fast → half-open: probe) so one failure does not cascade through every service that calls it.',
    checks: 'Services that call other services synchronously (an HTTP/gRPC client library, a URL of another service in their environment or config, `fetch`/`http.Get`/`RestTemplate`/`requests` in their source; a call in a test file, such as `*.test.ts`, `*_test.go`, `test_*.py` or a file under `test/`, is the test calling the service, not the service calling out) must have a breaker: cockatiel, opossum, resilience4j, Hystrix, Polly, gobreaker, pybreaker… (directly or through a shared library they depend on), or Istio/Envoy outlier detection for their host.',
    fix: 'Wrap outbound calls in a circuit breaker (e.g. cockatiel or opossum in Node, resilience4j in Java, gobreaker in Go, Polly in .NET, pybreaker in Python) or enable outlier detection in the mesh.',
    limits: 'Outbound calls are recognised from libraries and text patterns, not data flow; a breaker library that is installed but not wrapped around the calls is counted as present.',
    severity: { monolith: 'off', microservices: 'error', 'event-driven': 'warn', cqrs: 'warn' },
    messages: {
      missingBreaker: 'Calls other services ({evidence}) without a circuit breaker.',
    },
  },
  check(model, context) {
    const meshWide = model.meshBreakers.some((b) => b.host === '*');
    for (const s of model.services) {
      const first = s.outboundCalls[0];
      if (!first || s.breakers.length > 0 || meshWide || model.meshBreakers.some((b) => b.host === s.name)) continue;
      context.report({ messageId: 'missingBreaker', service: s.name, file: first.file, ...(first.line ? { line: first.line } : {}), data: { evidence: first.detail } });
    }
  },
});
