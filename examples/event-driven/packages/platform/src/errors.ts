/**
 * Errors the app expects. Each carries the HTTP status it maps to (Fastify reads `statusCode`);
 * anything else is a bug and becomes a 500 whose details stay in the log.
 */
export abstract class ExpectedError extends Error {
  abstract readonly statusCode: number;
}

/** The request is malformed: a body or parameter fails validation. */
export class ValidationError extends ExpectedError {
  readonly statusCode = 400;
}

/** The addressed record does not exist. */
export class NotFoundError extends ExpectedError {
  readonly statusCode = 404;
}

/** The request is well-formed but cannot be carried out, e.g. it refers to a record that does not exist. */
export class UnprocessableError extends ExpectedError {
  readonly statusCode = 422;
}

/** A service this one depends on cannot be reached (down, too slow, or its circuit is open). */
export class UpstreamUnavailableError extends ExpectedError {
  readonly statusCode = 503;

  /** Set when the upstream's circuit is open: about when it will be tried again. */
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The request carries no valid credentials. */
export class UnauthorizedError extends ExpectedError {
  readonly statusCode = 401;
}
