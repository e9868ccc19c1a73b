/** Prints and applies a plan of changes to a generated project (upgrade, add service). */
import { relative } from 'node:path';
import { changesOf, readOurs, type Action, type UpgradePlan } from '../../evolve/upgrade.js';
import { writeTree } from '../../generate/write.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';

export interface PlanOptions {
  dryRun?: boolean;
  json?: boolean;
}

function describe(action: Action): string {
  const line = `  ${action.kind.padEnd(8)} ${action.path}`;
  return action.kind === 'keep' ? `${line} (${action.reason})` : line;
}

/** Unified diffs of what the plan would write, for --dry-run. */
async function diffs(plan: UpgradePlan, dir: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return plan.actions
    .filter((a) => !a.path.startsWith('.arch-init/'))
    .map((a) => {
      if (a.kind === 'keep') return '';
      const before = readOurs(dir, a.path);
      const after = a.kind === 'delete' ? undefined : a.content;
      return createTwoFilesPatch(
        before === undefined ? '/dev/null' : `a/${a.path}`,
        after === undefined ? '/dev/null' : `b/${a.path}`,
        before ?? '',
        after ?? '',
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, '');
    })
    .join('');
}

export function shownPath(io: Io, dir: string): string {
  return relative(io.cwd, dir) || '.';
}

export async function applyPlan(
  plan: UpgradePlan,
  dir: string,
  options: PlanOptions & {
    /** The first line of the report: what was done, and what would be done with --dry-run. */
    title: { done: string; planned: string };
    /** --dry-run also prints the unified diff of every file it would change. */
    showDiff?: boolean;
  },
  io: Io,
): Promise<number> {
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
    io.stdout.write(
      [
        options.dryRun ? `${options.title.planned} (dry run, nothing written):` : `${options.title.done}:`,
        ...plan.actions.map(describe),
        ...(conflicts.length > 0
          ? ['', `${conflicts.length} conflict(s): resolve the <<<<<<< markers in ${conflicts.join(', ')}, then run your tests.`]
          : []),
        '',
      ].join('\n'),
    );
    if (options.dryRun && options.showDiff) io.stdout.write(await diffs(plan, dir));
  }
  return conflicts.length > 0 && !options.dryRun ? ExitCode.failed : ExitCode.ok;
}
