import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';

/** How calls to one upstream are protected; read from the environment (see settings.ts). */
export interface ResilienceSettings {
  RETRY_ATTEMPTS: number;
  BREAKER_FAILURE_THRESHOLD: number;
  BREAKER_COOLDOWN_MS: number;
}

/** Connection errors that mean the request never reached the service, so any call may be repeated. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The gauge's value per state, so a dashboard can plot it and alert on > 0. */
const STATE_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface Resilience {
  /**
   * Runs one call through the breaker, retried with exponential backoff when it may be: an
   * idempotent call after any failure, any other only when its request never left (the
   * connection was refused or not made in time). A POST that reached the service and lost its
   * answer is not repeated: it could charge twice.
   */
  execute<T>(call: () => Promise<T>, options: { idempotent: boolean }): Promise<T>;
  readonly state: BreakerState;
  readonly cooldownMs: number;
}

/**
 * The protection of every call to the upstream `name` (cockatiel): retry for idempotent calls,
 * and a circuit breaker that opens after `BREAKER_FAILURE_THRESHOLD` consecutive failures,
 * answers at once while open, lets one probe through after `BREAKER_COOLDOWN_MS` (half-open),
 * and closes when that probe succeeds. The deadline of each attempt is the connection pool's
 * (see http-client.ts): a timed-out attempt fails like any other.
 *
 * A failure is an upstream that does not answer (refused, reset, timed out). An answer, even a
 * 5xx, shows the upstream is alive, so it passes through and does not count.
 */
export function createResilience(
  name: string,
  settings: ResilienceSettings,
  deps: { logger: Logger; registry: Registry },
): Resilience {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: settings.BREAKER_COOLDOWN_MS,
    breaker: new ConsecutiveBreaker(settings.BREAKER_FAILURE_THRESHOLD),
  });
  const gauge = breakerGauge(deps.registry);
  gauge.set({ upstream: name }, STATE_VALUES.closed);
  breaker.onStateChange((state) => {
    const named = stateName(state);
    gauge.set({ upstream: name }, STATE_VALUES[named]);
    const log = { upstream: name, breaker: named };
    if (named === 'open') deps.logger.warn(log, `circuit to ${name} opened: calls fail fast`);
    else deps.logger.info(log, `circuit to ${name} ${named === 'closed' ? 'closed' : 'half-open: probing'}`);
  });

  const retryWhen = (retryable: (error: Error) => boolean): IPolicy =>
    wrap(
      retry(handleWhen(retryable), {
        maxAttempts: settings.RETRY_ATTEMPTS,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
      }),
      breaker,
    );
  // An open circuit is the answer already; retrying it would only delay the failure.
  const anyFailure = retryWhen((error) => !(error instanceof BrokenCircuitError));
  // With several instances the retry goes to the next one, so a dead instance costs no request.
  const neverSent = retryWhen((error) => 'code' in error && NEVER_SENT.has(String(error.code)));

  return {
    execute: (call, { idempotent }) => (idempotent ? anyFailure : neverSent).execute(call),
    get state() {
      return stateName(breaker.state);
    },
    cooldownMs: settings.BREAKER_COOLDOWN_MS,
  };
}

function stateName(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    // Isolated is an open circuit held by hand; this code never isolates.
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
  }
}

/** One gauge per registry, shared by every breaker of the process. */
function breakerGauge(registry: Registry): Gauge<'upstream'> {
  const name = 'circuit_breaker_state';
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Gauge) return existing as Gauge<'upstream'>;
  return new Gauge({
    name,
    help: 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open.',
    labelNames: ['upstream'] as const,
    registers: [registry],
  });
}
