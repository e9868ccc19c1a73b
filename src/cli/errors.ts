/** Exit codes shared by both tools: 0 success, 1 a checked condition failed, 2 usage or input error. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * An error the user can fix: bad flag, bad file, bad name. The CLI prints its
 * message as one line and exits 2. Anything else is a bug and keeps its stack.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message);
  }
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}
