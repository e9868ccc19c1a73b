import { circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';

/**
 * What a circuit breaker adds to a call: the same async function called bare and through a
 * cockatiel breaker configured as the platform's (closed, the normal state), in ns per call.
 */
export async function breakerOverheadNs(calls = 2_000_000): Promise<{ bareNs: number; breakerNs: number }> {
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
  const work = async (): Promise<number> => 1;
  const viaBreaker = (): Promise<number> => breaker.execute(work);

  // Warm both paths up so the JIT has optimised them before the timed runs.
  await time(work, calls / 4);
  await time(viaBreaker, calls / 4);
  // Alternate and keep the best of three: the least disturbed by the rest of the machine.
  let bareNs = Infinity;
  let breakerNs = Infinity;
  for (let round = 0; round < 3; round++) {
    bareNs = Math.min(bareNs, await time(work, calls));
    breakerNs = Math.min(breakerNs, await time(viaBreaker, calls));
  }
  return { bareNs, breakerNs };
}

async function time(call: () => Promise<number>, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call();
  return Number(process.hrtime.bigint() - started) / calls;
}
