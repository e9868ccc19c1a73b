/**
 * Group commit: items are handed to `run` in batches, at most `limit` runs at once. An item that
 * arrives while a run is free starts one at once, alone; items that arrive while every run is
 * busy wait and share the next one, up to `size`. Batches grow with the load, and a quiet
 * system pays no wait for them.
 */
export class Batches<T> {
  readonly #waiting: { item: T; settle(error?: unknown): void }[] = [];
  #running = 0;

  constructor(
    private readonly size: number,
    private readonly limit: number,
    /** Resolves when every item of the batch is done; a rejection fails them all. */
    private readonly run: (items: T[]) => Promise<void>,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`batch size must be a positive integer, got ${size}`);
  }

  /** Resolves once the batch that took `item` has succeeded; rejects with its error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ item, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.#start();
    });
  }

  #start(): void {
    while (this.#running < this.limit && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.size);
      this.#running++;
      this.run(batch.map(({ item }) => item))
        .then(
          () => batch.forEach(({ settle }) => settle()),
          (error: unknown) => batch.forEach(({ settle }) => settle(error ?? new Error('batch failed'))),
        )
        .finally(() => {
          this.#running--;
          this.#start();
        });
    }
  }
}
