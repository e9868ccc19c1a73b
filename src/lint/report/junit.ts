import type { LintResult } from '../result.js';

/** JUnit XML: one suite per rule, one test case per finding; error findings fail, warnings pass with output, rules that are off are skipped. */
export function junitReport(result: LintResult): string {
  const suites = result.rules.map((rule) => {
    const findings = result.findings.filter((f) => f.rule === rule.id);
    const cases: string[] = [];
    if (rule.status === 'off') cases.push(`    <testcase classname="${rule.id}" name="${rule.id}"><skipped message="${rule.severitySource === 'config' ? 'off (config)' : `off for ${esc(result.intent.pattern)}`}"/></testcase>`);
    else if (findings.length === 0) cases.push(`    <testcase classname="${rule.id}" name="${esc(rule.title)}"/>`);
    for (const f of findings) {
      const name = esc(`${f.service ?? '(repository)'}${f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : ''}`);
      const text = esc(`${f.message}\nFix: ${f.fix}`);
      if (f.severity === 'error' && !f.baselined) cases.push(`    <testcase classname="${rule.id}" name="${name}"><failure type="${f.messageId}" message="${esc(f.message)}">${text}</failure></testcase>`);
      else cases.push(`    <testcase classname="${rule.id}" name="${name}"><system-out>${esc(f.baselined ? 'baselined: ' : 'warning: ')}${text}</system-out></testcase>`);
    }
    const failures = findings.filter((f) => f.severity === 'error' && !f.baselined).length;
    const skipped = rule.status === 'off' ? 1 : 0;
    return `  <testsuite name="${rule.id}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = suites.reduce((n, s) => n + Number(/tests="(\d+)"/.exec(s)?.[1] ?? 0), 0);
  const failures = result.findings.filter((f) => f.severity === 'error' && !f.baselined).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="arch-lint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
