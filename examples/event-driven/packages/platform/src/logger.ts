import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';

import type { LogLevel } from './config.js';

/**
 * JSON logs on stdout. Each line written while a span is active carries its trace and span ids,
 * so a log line leads to its trace and back.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ level, mixin: activeTraceIds }, destination);
}

function activeTraceIds(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
