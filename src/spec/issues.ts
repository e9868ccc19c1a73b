/** Turns a zod failure into the one line the CLI prints: the field, then what is wrong with it. */
import type { z } from 'zod';

export function firstIssueLine(error: z.ZodError, fieldLabel: (path: string) => string = (p) => p): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
  const label = fieldLabel(path);
  const message = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  return label ? `${label}: ${message}` : message;
}
