import { z } from 'zod';

import { ValidationError } from '../errors.js';

/** Route parameters of every `/:id` route. */
export const IdParams = z.object({ id: z.uuid({ error: 'expected a UUID' }) });

/**
 * Parses untrusted input (a body, params or a query) or throws a 400 naming every bad field.
 * Routes validate with zod rather than Fastify's JSON schemas so the types come from one source.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new ValidationError(problems.join('; '));
  }
  return result.data;
}
