import type { LintResult } from '../result.js';

/** The whole result, for scripts; keys and arrays are already in a fixed order. */
export function jsonReport(result: LintResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
