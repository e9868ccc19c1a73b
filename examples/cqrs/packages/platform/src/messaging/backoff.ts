/** A delay that doubles from `initialMs` with each attempt, up to `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** The delay after failed attempt number `attempt` (1 for the first). */
export function backoffMs(attempt: number, { initialMs, maxMs }: Backoff): number {
  return Math.min(maxMs, initialMs * 2 ** (attempt - 1));
}
