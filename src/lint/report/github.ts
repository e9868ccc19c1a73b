import type { LintResult } from '../result.js';

/** GitHub Actions workflow commands: one annotation per finding, on the file and line when there is one. */
export function githubReport(result: LintResult): string {
  const lines = result.findings.map((f) => {
    const command = f.baselined ? 'notice' : f.severity === 'error' ? 'error' : 'warning';
    const props = [
      ...(f.file ? [`file=${property(f.file)}`] : []),
      ...(f.line ? [`line=${f.line}`] : []),
      `title=${property(`arch-lint ${f.rule}${f.service ? ` (${f.service})` : ''}`)}`,
    ];
    return `::${command} ${props.join(',')}::${data(`${f.message}\nFix: ${f.fix}`)}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
