import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

/**
 * Settings of a process that calls others over HTTP: one attempt's deadline, how many retries an
 * idempotent call gets, and when its circuit opens (consecutive failures) and probes again (cooldown).
 */
export const resilienceSettings = {
  UPSTREAM_TIMEOUT_MS: positiveInt.default(2_000),
  RETRY_ATTEMPTS: z.coerce.number().int().min(0).max(5).default(2),
  BREAKER_FAILURE_THRESHOLD: positiveInt.default(5),
  BREAKER_COOLDOWN_MS: positiveInt.default(10_000),
};
