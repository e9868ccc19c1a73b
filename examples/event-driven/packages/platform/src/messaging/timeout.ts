/**
 * How long publish() waits for the broker to confirm before it rejects. A broker that is down is
 * usually noticed at once (the socket closes); this bounds the other cases (a silent network
 * partition, a broker that blocks publishers on a memory alarm), so a caller never hangs.
 */
export const PUBLISH_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
