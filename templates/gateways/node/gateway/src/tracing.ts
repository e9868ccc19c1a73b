import type { IncomingMessage } from 'node:http';

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The gateway's span for this request; the services' spans are its children. */
    span: Span;
  }
}

const tracer = trace.getTracer('gateway');
const spans = new WeakMap<IncomingMessage, Span>();

/**
 * One server span per request, continuing the caller's W3C trace context if it sent one; the
 * proxy passes it on (withTraceContext), so the trace goes on through every service.
 *
 * The gateway makes these spans itself instead of loading the HTTP and Fastify
 * instrumentations the services use: on a path that does nothing but forward, their spans per
 * hook and their context switches cost more than the forwarding, and one span per request is
 * all a trace needs from the gateway.
 */
export function registerRequestSpans(app: FastifyInstance): void {
  app.decorateRequest('span');
  app.addHook('onRequest', (request, _reply, done) => {
    // Started here only for a request whose logger Fastify made without childLoggerWithTraceIds.
    const span = spans.get(request.raw) ?? startSpan(request.raw);
    const route = request.routeOptions.url ?? 'unmatched';
    span.updateName(`${request.method} ${route}`);
    span.setAttributes({ 'http.request.method': request.method, 'http.route': route, 'url.path': request.url });
    request.span = span;
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) request.span.setStatus({ code: SpanStatusCode.ERROR });
    request.span.end();
    done();
  });
}

/**
 * Fastify's `childLoggerFactory` for the gateway: the span starts where Fastify makes the
 * request's logger, so that the logger carries the trace id from its first line without a
 * second child logger per request.
 */
export const childLoggerWithTraceIds: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
  rawRequest,
) => {
  const { traceId, spanId } = startSpan(rawRequest as IncomingMessage).spanContext();
  return logger.child({ ...bindings, trace_id: traceId, span_id: spanId }, options);
};

function startSpan(rawRequest: IncomingMessage): Span {
  const parent = propagation.extract(ROOT_CONTEXT, rawRequest.headers);
  const span = tracer.startSpan(rawRequest.method ?? 'HTTP', { kind: SpanKind.SERVER }, parent);
  spans.set(rawRequest, span);
  return span;
}

/** Adds the request's trace context (traceparent) to the headers of a call it makes. */
export function withTraceContext<Headers extends Record<string, unknown>>(request: FastifyRequest, headers: Headers): Headers {
  propagation.inject(trace.setSpan(ROOT_CONTEXT, request.span), headers);
  return headers;
}
