import { PATTERNS, type Diagnostic, type Pattern } from '../model.js';

/** The intent arch-init recorded: `{ "pattern": "monolith", "services": [...] }`. Anything else is ignored with a diagnostic. */
export function readArchJson(file: string, text: string, report: (d: Diagnostic) => void): Pattern | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    report({ code: 'parse-error', file, message: `invalid JSON: ${(error as Error).message}` });
    return undefined;
  }
  const pattern = (json as { pattern?: unknown } | null)?.pattern;
  if ((PATTERNS as readonly unknown[]).includes(pattern)) return pattern as Pattern;
  report({ code: 'parse-error', file, message: `"pattern" must be one of ${PATTERNS.join(', ')}; architecture inferred instead` });
  return undefined;
}
