import { register } from 'node:module';

import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

import type { Config } from './config.js';

export interface Tracing {
  /** Flushes the spans still buffered; call it last on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing: a span per HTTP request, per Fastify hook and handler, and per
 * SQL query, with W3C trace context taken from and passed to callers. Spans are exported over
 * OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads it and the other
 * standard OTEL_EXPORTER_OTLP_* variables itself); without it they still give logs their ids.
 *
 * Must run before fastify and pg are imported, which is why main.ts imports the app afterwards.
 */
export function startTracing(config: Config): Tracing {
  // Instrumentations patch modules as they load. This hook lets them patch modules loaded by
  // `import` too (pg here), not only those loaded by `require`.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME }),
    spanProcessors:
      config.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? [] : [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();

  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation(),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new PgInstrumentation(),
    ],
  });

  return { shutdown: () => provider.shutdown() };
}
