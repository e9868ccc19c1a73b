import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintConfig } from '../../src/lint/config/schema.js';
import { lint } from '../../src/lint/lint.js';
import type { Finding, LintResult } from '../../src/lint/result.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/lint/', import.meta.url));

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** The version is fixed so golden outputs do not change with every release. */
export const TEST_VERSION = '0.0.0-test';

export async function lintFixture(name: string, config: LintConfig = {}): Promise<LintResult> {
  return (await lint(fixture(name), { config, version: TEST_VERSION })).result;
}

/** What a user sees of a finding, without the prose: the assertion shape every rule test uses. */
export function brief(findings: readonly Finding[], rule?: string): string[] {
  return findings
    .filter((f) => rule === undefined || f.rule === rule)
    .map((f) => `${f.rule}/${f.messageId} ${f.service ?? '-'} ${f.file ?? '-'}:${f.line ?? '-'}`);
}

export function ruleStatus(result: LintResult, rule: string): string | undefined {
  return result.rules.find((r) => r.id === rule)?.status;
}
