import { trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, expect, it } from 'vitest';

import { createLogger } from '../src/logger.js';

const provider = new NodeTracerProvider();
provider.register();
afterAll(() => provider.shutdown());

it("stamps log lines with the active span's trace and span ids, and only those", () => {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(line) });

  const spanContext = trace.getTracer('test').startActiveSpan('work', (span) => {
    logger.info('inside a span');
    span.end();
    return span.spanContext();
  });
  logger.info('outside any span');

  const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(inside).toMatchObject({ msg: 'inside a span', trace_id: spanContext.traceId, span_id: spanContext.spanId });
  expect(outside).not.toHaveProperty('trace_id');
});
