import { BrokenCircuitError } from 'cockatiel';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createLogger } from '../src/logger.js';
import { createResilience, type ResilienceSettings } from '../src/resilience/policy.js';

const settings: ResilienceSettings = {
  RETRY_ATTEMPTS: 2,
  BREAKER_FAILURE_THRESHOLD: 3,
  BREAKER_COOLDOWN_MS: 1_000,
};

const refused = async (): Promise<never> => {
  throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
};
// The connection broke after the request was sent: a failure that is never retried.
const reset = async (): Promise<never> => {
  throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
};

describe('createResilience', () => {
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const gauge = async (): Promise<number | undefined> =>
    (await registry.getSingleMetric('circuit_breaker_state')?.get())?.values[0]?.value;

  it('goes closed → open after the threshold → half-open after the cooldown → closed on a success', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const resilience = createResilience('payments', settings, { logger: createLogger('silent'), registry });
    expect(resilience.state).toBe('closed');

    for (let i = 0; i < settings.BREAKER_FAILURE_THRESHOLD; i++) {
      await expect(resilience.execute(reset, { idempotent: false })).rejects.toThrow('socket hang up');
    }
    expect(resilience.state).toBe('open');
    expect(await gauge()).toBe(2);

    // Open: the call is not made at all.
    const call = vi.fn(async () => 'ok');
    await expect(resilience.execute(call, { idempotent: false })).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(call).not.toHaveBeenCalled();

    // After the cooldown one probe goes through; its success closes the circuit.
    vi.setSystemTime(Date.now() + settings.BREAKER_COOLDOWN_MS);
    await expect(resilience.execute(call, { idempotent: false })).resolves.toBe('ok');
    expect(resilience.state).toBe('closed');
    expect(await gauge()).toBe(0);
  });

  it('does not count an answer as a failure, whatever its status', async () => {
    const resilience = createResilience('orders', settings, { logger: createLogger('silent'), registry });
    for (let i = 0; i < 5; i++) await resilience.execute(async () => ({ statusCode: 500 }), { idempotent: true });
    expect(resilience.state).toBe('closed');
  });

  it('retries idempotent calls, and others only when their request never left', async () => {
    const resilience = createResilience('products', { ...settings, BREAKER_FAILURE_THRESHOLD: 100 }, {
      logger: createLogger('silent'),
      registry,
    });
    const idempotent = vi.fn(refused);
    await expect(resilience.execute(idempotent, { idempotent: true })).rejects.toThrow();
    expect(idempotent).toHaveBeenCalledTimes(1 + settings.RETRY_ATTEMPTS);

    // Refused: the POST never reached the service, so trying again (another instance) is safe.
    const notSent = vi.fn(refused);
    await expect(resilience.execute(notSent, { idempotent: false })).rejects.toThrow();
    expect(notSent).toHaveBeenCalledTimes(1 + settings.RETRY_ATTEMPTS);

    // Reset after sending: the service may have acted on it, so it is not repeated.
    const sent = vi.fn(reset);
    await expect(resilience.execute(sent, { idempotent: false })).rejects.toThrow();
    expect(sent).toHaveBeenCalledTimes(1);
  });
});
