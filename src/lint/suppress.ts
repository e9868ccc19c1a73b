import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES } from './discover/files.js';
import type { Diagnostic } from './model.js';
import type { Finding } from './result.js';
import type { LintConfig } from './config/schema.js';

const INLINE = /arch-lint-disable(-next-line)?\s+([\w-]+)(?:\s+--\s*(\S.*?))?\s*(?:\*\/|-->)?\s*$/;

/**
 * Drops findings suppressed by the config (rule + optional service/file) or
 * inline, in any comment syntax:
 *   `arch-lint-disable-next-line <rule> -- <reason>` for the next line,
 *   `arch-lint-disable <rule> -- <reason>` for the whole file.
 * An inline suppression without a reason does nothing and is reported.
 */
export async function applySuppressions(root: string, findings: Finding[], config: LintConfig): Promise<{ kept: Finding[]; suppressed: number; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const inline = new Map<string, Array<{ rule: string; line?: number }>>();
  for (const file of new Set(findings.flatMap((f) => (f.file ? [f.file] : [])))) inline.set(file, await inlineSuppressions(root, file, diagnostics));
  const kept = findings.filter((f) => {
    const byConfig = (config.suppressions ?? []).some((s) => s.rule === f.rule && (s.service === undefined || s.service === f.service) && (s.file === undefined || s.file === f.file));
    const byComment = f.file !== undefined && (inline.get(f.file) ?? []).some((s) => s.rule === f.rule && (s.line === undefined || s.line === f.line));
    return !byConfig && !byComment;
  });
  return { kept, suppressed: findings.length - kept.length, diagnostics };
}

async function inlineSuppressions(root: string, file: string, diagnostics: Diagnostic[]): Promise<Array<{ rule: string; line?: number }>> {
  const full = path.join(root, file);
  const size = await stat(full).then((s) => s.size).catch(() => MAX_FILE_BYTES + 1);
  if (size > MAX_FILE_BYTES) return [];
  const text = await readFile(full, 'utf8').catch(() => '');
  const out: Array<{ rule: string; line?: number }> = [];
  text.split('\n').forEach((raw, i) => {
    const m = INLINE.exec(raw);
    if (!m?.[2]) return;
    if (!m[3]) {
      diagnostics.push({ code: 'suppression-without-reason', file, line: i + 1, message: `suppression of ${m[2]} has no reason ("-- why"); ignored` });
      return;
    }
    out.push(m[1] ? { rule: m[2], line: i + 2 } : { rule: m[2] });
  });
  return out;
}
