import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from '../cli/errors.js';
import { useColor, type Io } from '../cli/io.js';
import { readBaseline, serializeBaseline, toBaseline } from './baseline.js';
import { loadConfig } from './config/load.js';
import type { Format } from './formats.js';
import { lint } from './lint.js';
import { render } from './report/index.js';
import { exitCodeOf } from './result.js';
import { findRule, RULE_IDS } from './rules/index.js';
import { ruleDoc } from './rule-doc.js';

export interface LintCommand {
  dir?: string;
  format: Format;
  config?: string;
  baseline?: string;
  updateBaseline: boolean;
  version: string;
}

/** The lint command behind the CLI, loaded only when a repository is actually linted. */
export async function runLint(command: LintCommand, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, command.dir ?? '.');
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`not a directory: ${command.dir ?? root}`);
  // Paths on the command line are the user's, relative to where they stand; paths in the config are relative to the repository.
  const { config } = await loadConfig(root, command.config === undefined ? undefined : { file: path.resolve(io.cwd, command.config), shownAs: command.config });
  const baselineName = command.baseline ?? config.baseline;
  const baselinePath = command.baseline !== undefined ? path.resolve(io.cwd, command.baseline) : config.baseline !== undefined ? path.resolve(root, config.baseline) : undefined;
  if (command.updateBaseline) {
    const { result } = await lint(root, { config, version: command.version });
    const target = baselinePath ?? path.join(root, 'arch-lint.baseline.json');
    await writeFile(target, serializeBaseline(toBaseline(result.findings)));
    io.stderr.write(`arch-lint: wrote ${result.findings.length} findings to ${path.relative(io.cwd, target) || target}\n`);
    return ExitCode.ok;
  }
  const baseline = baselinePath ? await readBaseline(baselinePath, baselineName ?? baselinePath) : undefined;
  const { result } = await lint(root, { config, version: command.version, ...(baseline ? { baseline } : {}) });
  io.stdout.write(render(command.format, result, { color: command.format === 'text' && useColor(io) }));
  return exitCodeOf(result);
}

export function explain(ruleId: string, io: Io): number {
  const rule = findRule(ruleId);
  if (!rule) throw new UsageError(`unknown rule "${ruleId}"; rules: ${RULE_IDS.join(', ')}`);
  io.stdout.write(ruleDoc(rule));
  return ExitCode.ok;
}
