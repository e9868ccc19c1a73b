import type { LintResult } from '../result.js';
import { HOMEPAGE_URL, ruleDocsUrl } from '../docs-url.js';
import { RULES } from '../rules/index.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: relative POSIX paths against
 * %SRCROOT%, a help URI per rule, results in the result's fixed order.
 */
export function sarifReport(result: LintResult): string {
  const rules = RULES.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.why },
    help: { text: rule.meta.fix, markdown: `**Why:** ${rule.meta.why}\n\n**How to fix:** ${rule.meta.fix}` },
    ...(ruleDocsUrl(rule.id) ? { helpUri: ruleDocsUrl(rule.id) } : {}),
    defaultConfiguration: { level: levelOf(result.rules.find((r) => r.id === rule.id)?.severity ?? 'warn') },
  }));
  const results = result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: RULES.findIndex((r) => r.id === f.rule),
    level: f.baselined ? 'note' : levelOf(f.severity),
    message: { text: `${f.service ? `[${f.service}] ` : ''}${f.message} Fix: ${f.fix}` },
    ...(f.file
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' }, ...(f.line ? { region: { startLine: f.line } } : {}) } }] }
      : {}),
    partialFingerprints: { 'archLint/v1': [f.rule, f.service ?? '', f.file ?? '', f.message].join('|') },
    ...(f.baselined ? { baselineState: 'unchanged' } : {}),
    properties: { messageId: f.messageId, ...(f.service ? { service: f.service } : {}) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'arch-lint', version: result.tool.version, ...(HOMEPAGE_URL ? { informationUri: HOMEPAGE_URL } : {}), rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The linted repository root.' } } },
        results,
        properties: { architecture: result.intent.pattern, architectureSource: result.intent.source, score: `${result.score.passed}/${result.score.total}` },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function levelOf(severity: string): 'error' | 'warning' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'none';
}
