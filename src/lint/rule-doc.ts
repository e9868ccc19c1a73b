import { PATTERNS } from './model.js';
import type { Rule } from './rule.js';

/** A rule's documentation, generated from its metadata: `arch-lint explain` prints it and docs/rules/<id>.md holds it. */
export function ruleDoc(rule: Rule): string {
  const m = rule.meta;
  return [
    `# ${rule.id}: ${m.title}`,
    '',
    '## Why',
    '',
    m.why,
    '',
    '## What it checks',
    '',
    m.checks,
    '',
    '## How to fix',
    '',
    m.fix,
    '',
    '## Severity by architecture',
    '',
    '| architecture | severity |',
    '| --- | --- |',
    ...PATTERNS.map((p) => `| ${p} | ${m.severity[p]} |`),
    '',
    'Change it with `"rules": { "' + rule.id + '": "off" | "warn" | "error" }` in arch-lint.config.json.',
    '',
    '## Messages',
    '',
    ...Object.entries(m.messages).map(([id, text]) => `- \`${id}\`: ${text}`),
    '',
    '## Limits',
    '',
    m.limits,
    '',
  ].join('\n');
}
