import type { Finding, LintResult } from '../result.js';

export interface TextOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;

/** The default report: findings grouped by service, each rule's verdict, a score, fix hints once per rule. */
export function textReport(result: LintResult, options: TextOptions): string {
  const paint = (style: keyof typeof CODES, text: string) => (options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const intent = result.intent;
  out.push(paint('bold', `arch-lint ${result.tool.version}: ${intent.pattern}`) + paint('dim', ` (${intent.source === 'inferred' ? `inferred: ${intent.reason}` : intent.reason})`));
  out.push('');

  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) groups.set(f.service ?? '', [...(groups.get(f.service ?? '') ?? []), f]);
  const hinted = new Set<string>();
  for (const [service, findings] of groups) {
    const summary = result.services.find((s) => s.name === service);
    const where = summary ? ` (${[summary.dir === '' ? '.' : summary.dir, summary.language].filter(Boolean).join(', ')})` : '';
    out.push(paint('bold', service === '' ? '(repository)' : service) + paint('dim', where));
    for (const f of findings) {
      const level = f.baselined ? paint('dim', 'baseline') : f.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warn');
      const location = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}  ` : '';
      out.push(`  ${level}  ${f.rule}  ${location}${f.message}`);
      if (!hinted.has(f.rule)) {
        hinted.add(f.rule);
        out.push(paint('dim', `    fix: ${f.fix}`));
      }
    }
    out.push('');
  }

  out.push(paint('bold', 'Rules'));
  const width = Math.max(...result.rules.map((r) => r.id.length));
  for (const rule of result.rules) {
    const verdict =
      rule.status === 'off'
        ? paint('dim', rule.severitySource === 'config' ? 'off (config)' : `off for ${intent.pattern}`)
        : rule.status === 'pass'
          ? paint('green', 'pass')
          : paint(rule.severity === 'error' ? 'red' : 'yellow', `${rule.findings} ${rule.findings === 1 ? 'finding' : 'findings'} (${rule.severity})`);
    out.push(`  ${rule.id.padEnd(width)}  ${verdict}`);
    for (const note of rule.notes) out.push(paint('dim', `  ${''.padEnd(width)}  note: ${note}`));
  }
  out.push('');

  if (result.diagnostics.length > 0) {
    out.push(paint('bold', `Diagnostics (${result.diagnostics.length})`));
    for (const d of result.diagnostics) out.push(`  ${d.code}  ${d.file}${d.line ? `:${d.line}` : ''}  ${d.message}`);
    out.push('');
  }

  const errors = result.findings.filter((f) => f.severity === 'error' && !f.baselined).length;
  const warnings = result.findings.filter((f) => f.severity === 'warn' && !f.baselined).length;
  const baselined = result.findings.filter((f) => f.baselined).length;
  const extras = [baselined ? `${baselined} baselined` : '', result.suppressed ? `${result.suppressed} suppressed` : ''].filter(Boolean);
  const score = `Score ${result.score.passed}/${result.score.total}`;
  out.push(`${paint(errors > 0 ? 'red' : 'green', score)}  ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}${extras.length ? ` (${extras.join(', ')})` : ''}`);
  return `${out.join('\n')}\n`;
}
