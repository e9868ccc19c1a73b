import { ExpectedError } from '../errors.js';

/**
 * An append expected the stream at one version and found it at another: someone else appended
 * since the caller read it. Nothing was written; the caller reloads the stream, decides again and
 * retries, or gives the conflict to its client (409).
 */
export class ConcurrencyError extends ExpectedError {
  readonly statusCode = 409;

  /** `actualVersion` is undefined when only the database's unique constraint saw the conflict. */
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `stream ${streamId} was expected at version ${expectedVersion} but ` +
        (actualVersion === undefined ? 'was appended to concurrently' : `is at version ${actualVersion}`),
    );
  }
}
