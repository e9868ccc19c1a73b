import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import { consume } from '../../src/messaging/consumer.js';
import { newEvent } from '../../src/messaging/envelope.js';
import { createInProcessBus } from '../../src/messaging/in-process.js';
import { appendToOutbox, startOutboxRelay } from '../../src/messaging/outbox.js';
import { silentLogger } from '../../src/testing/backends.js';
import { describeEachDatabase, eventually } from './support/databases.js';

const exporter = new InMemorySpanExporter();
let provider: NodeTracerProvider;

beforeAll(() => {
  // What telemetry.ts sets up in a service: a global provider, async context and W3C propagation.
  provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

describeEachDatabase('tracing across the outbox and the bus', '', (ctx) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    exporter.reset();
  });

  it("makes the span that was active when the event was created the parent of the consumer's span", async () => {
    const bus = createInProcessBus();
    closers.push(() => bus.close());
    const relay = startOutboxRelay(ctx.db, bus, { logger: silentLogger, registry: new Registry() }, {
      batchSize: 10,
      pollIntervalMs: 50,
      retry: { initialMs: 1, maxMs: 10 },
    });
    closers.unshift(() => relay.close());
    let causedInHandler: Record<string, string> | undefined;
    const subscription = await consume(bus, ctx.db, {
      group: 'billing',
      types: ['order.placed'],
      handler: async (_tx, event) => {
        causedInHandler = newEvent('payment.charged', event.key, {}).headers;
      },
    }, { logger: silentLogger, registry: new Registry() });
    closers.unshift(() => subscription.close());

    const tracer = trace.getTracer('test');
    const request = tracer.startSpan('POST /orders', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), request), () =>
      ctx.db.transaction((tx) => appendToOutbox(tx, [newEvent('order.placed', 'order-1', {})])),
    );
    request.end();
    relay.notify();

    const consumerSpan = await eventually(() => {
      const found = exporter.getFinishedSpans().find((span) => span.name === 'process order.placed');
      expect(found).toBeDefined();
      return found;
    });
    expect(consumerSpan?.kind).toBe(SpanKind.CONSUMER);
    expect(consumerSpan?.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(consumerSpan?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(consumerSpan?.attributes).toMatchObject({
      'messaging.operation.type': 'process',
      'messaging.destination.name': 'order.placed',
      'messaging.consumer.group.name': 'billing',
      'messaging.system': 'in-process',
    });
    // Events the handler causes continue the same trace, under the consumer's span.
    expect(causedInHandler?.traceparent).toBe(
      `00-${request.spanContext().traceId}-${consumerSpan?.spanContext().spanId}-01`,
    );
  });
});
