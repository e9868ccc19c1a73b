/** `arch-init upgrade [directory]`: bring a generated project up to the current templates, keeping the user's edits. */
import { relative, resolve } from 'node:path';
import { changesOf, planUpgrade, type Action } from '../../evolve/upgrade.js';
import { writeTree } from '../../generate/write.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';

interface UpgradeOptions {
  dryRun?: boolean;
  json?: boolean;
}

function describe(action: Action): string {
  const line = `  ${action.kind.padEnd(8)} ${action.path}`;
  return action.kind === 'keep' ? `${line} (${action.reason})` : line;
}

export async function runUpgrade(directory: string | undefined, options: UpgradeOptions, io: Io, templates?: string): Promise<number> {
  const dir = resolve(io.cwd, directory ?? '.');
  const plan = planUpgrade(dir, templates);
  const conflicts = plan.actions.filter((a) => a.kind === 'conflict').map((a) => a.path);
  if (!options.dryRun && plan.actions.length > 0) {
    const { tree, remove } = changesOf(plan);
    await writeTree(tree, dir, { force: true, remove });
  }
  if (options.json) {
    const actions = plan.actions.map((a) => ({ kind: a.kind, path: a.path, ...(a.kind === 'keep' ? { reason: a.reason } : {}) }));
    io.stdout.write(`${JSON.stringify({ from: plan.from, to: plan.to, dryRun: Boolean(options.dryRun), actions, conflicts }, null, 2)}\n`);
  } else if (plan.actions.length === 0) {
    io.stdout.write(`Already up to date with arch-init ${plan.to}.\n`);
  } else {
    const shown = relative(io.cwd, dir) || '.';
    io.stdout.write(
      [
        `${options.dryRun ? 'Would upgrade' : 'Upgraded'} ${shown} from arch-init ${plan.from} to ${plan.to}${options.dryRun ? ' (dry run, nothing written)' : ''}:`,
        ...plan.actions.map(describe),
        ...(conflicts.length > 0
          ? ['', `${conflicts.length} conflict(s): resolve the <<<<<<< markers in ${conflicts.join(', ')}, then run your tests.`]
          : []),
        '',
      ].join('\n'),
    );
  }
  return conflicts.length > 0 && !options.dryRun ? ExitCode.failed : ExitCode.ok;
}
