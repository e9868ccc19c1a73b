import { defineRule } from '../rule.js';

export const distributedTracing = defineRule({
  id: 'distributed-tracing',
  meta: {
    title: 'Distributed tracing',
    why: 'In a distributed system one request crosses many services; without tracing, network latency and partial failures cannot be followed from hop to hop.',
    checks: 'Per service: a tracing library (OpenTelemetry, Jaeger, Zipkin, Datadog, Sleuth/Micrometer Tracing) in its manifest or a shared library it depends on, an OTEL_*/JAEGER_*/ZIPKIN_* variable in its environment, or a tracing agent in its Dockerfile.',
    fix: 'Instrument the service with OpenTelemetry (e.g. @opentelemetry/sdk-node, the Java agent, go.opentelemetry.io/otel, opentelemetry-instrument) and export to a collector via OTEL_EXPORTER_OTLP_ENDPOINT.',
    limits: 'Presence of a tracer is checked, not that context is propagated on every call.',
    severity: { monolith: 'warn', microservices: 'error', 'event-driven': 'error', cqrs: 'error' },
    messages: {
      missingTracing: 'Has no distributed tracing.',
    },
  },
  check(model, context) {
    if (model.services.length === 0) context.note('no services found');
    for (const s of model.services) {
      if (s.tracing.length > 0) continue;
      context.report({ messageId: 'missingTracing', service: s.name, file: s.declaredAt.file, ...(s.declaredAt.line ? { line: s.declaredAt.line } : {}) });
    }
  },
});
