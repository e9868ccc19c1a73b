import { register } from 'node:module';

import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingSettings {
  OTEL_SERVICE_NAME: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
}

export interface Tracing {
  /** Flushes the spans still buffered; call it last on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing: a span per incoming request and per Fastify hook and handler, a
 * span per outgoing call (undici, which the resilient client uses) and per SQL query. W3C
 * `traceparent` is read from incoming requests and written on outgoing ones, so one trace spans
 * every hop. Spans are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the
 * exporter reads it, and the other OTEL_EXPORTER_OTLP_* and OTEL_BSP_* variables, itself);
 * without it they still give logs their ids.
 *
 * Must run before fastify, undici and pg are imported, which is why bootstrap.ts imports the
 * server only afterwards.
 *
 * `instrument: false` starts the SDK (provider, exporter, W3C propagation) without patching
 * any module, for a process that creates its spans itself (the gateway, see its tracing.ts).
 */
export function startTracing(settings: TracingSettings, { instrument = true } = {}): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.OTEL_SERVICE_NAME }),
    spanProcessors:
      settings.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? [] : [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();

  if (instrument) {
    // Instrumentations patch modules as they load. This hook lets them patch modules loaded by
    // `import` too (pg here), not only those loaded by `require`.
    register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
    const instrumentations: Instrumentation[] = [
      // Incoming requests only: outgoing calls go through undici, traced below.
      new HttpInstrumentation({ ignoreOutgoingRequestHook: () => true }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
    ];
    registerInstrumentations({ tracerProvider: provider, instrumentations });
  }

  return { shutdown: () => provider.shutdown() };
}
