/**
 * The deliveries a subscriber is handling: bounds how many run at once, and lets close() wait
 * for the last of them. Tasks settle their own errors (they log them); they never reject.
 */
export class InFlight {
  readonly #running = new Set<Promise<void>>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a positive integer, got ${limit}`);
  }

  /** Resolves once fewer than `limit` tasks are running. */
  async vacancy(): Promise<void> {
    while (this.#running.size >= this.limit) await Promise.race(this.#running);
  }

  run(task: () => Promise<void>): void {
    const running = task().finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  /** Resolves when every task has settled, including those started while waiting. */
  async drained(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled(this.#running);
  }
}
