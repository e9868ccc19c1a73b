import type { RepoModel } from './model.js';
import type { Finding, RuleSummary } from './result.js';
import { formatMessage, type Severity } from './rule.js';
import { RULES } from './rules/index.js';

/** Runs every rule at its severity for this architecture (or the configured one) and collects findings and notes. */
export function runRules(model: RepoModel, configured: Partial<Record<string, Severity>> = {}): { findings: Finding[]; rules: RuleSummary[] } {
  const findings: Finding[] = [];
  const rules: RuleSummary[] = [];
  for (const rule of RULES) {
    const severity = configured[rule.id] ?? rule.meta.severity[model.intent.pattern];
    const severitySource = configured[rule.id] !== undefined ? 'config' : 'architecture';
    const summary: RuleSummary = { id: rule.id, title: rule.meta.title, severity, severitySource, status: 'off', findings: 0, notes: [] };
    rules.push(summary);
    if (severity === 'off') continue;
    rule.check(model, {
      report(r) {
        const template = (rule.meta.messages as Record<string, string>)[r.messageId] ?? r.messageId;
        findings.push({
          rule: rule.id,
          messageId: r.messageId,
          severity,
          ...(r.service !== undefined ? { service: r.service } : {}),
          ...(r.file !== undefined && r.file !== '' ? { file: r.file } : {}),
          ...(r.line !== undefined && r.line > 0 ? { line: r.line } : {}),
          message: formatMessage(template, r.data),
          fix: rule.meta.fix,
        });
      },
      note(text) {
        summary.notes.push(text);
      },
    });
  }
  return { findings, rules };
}
