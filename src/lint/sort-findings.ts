import { compareText } from './model.js';
import type { Finding } from './result.js';
import { RULE_IDS } from './rules/index.js';

/** One order everywhere: service, file, line, then the checklist's rule order, then message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.service ?? '', b.service ?? '') ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) ||
      compareText(a.message, b.message),
  );
}
