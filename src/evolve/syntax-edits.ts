/**
 * A plan of changes to a generated project, with the scripts that changed only by additions the
 * syntax tree can make (array elements, object properties) edited as syntax trees on the user's
 * version rather than merged as text.
 */
import type { FileTree } from '../generate/tree.js';
import type { Snapshot } from './snapshot.js';
import { readOurs, type UpgradePlan } from './upgrade.js';

const isScript = (path: string) => /\.(ts|mts|js|mjs)$/.test(path);

type SyntaxEdit = (ours: string, base: string, theirs: string) => string | undefined;

/** The first of `edits` that can make a script's change as a syntax edit replaces its merge. */
export function withSyntaxEdits(
  plan: UpgradePlan,
  dir: string,
  base: Snapshot,
  theirs: FileTree,
  ...edits: SyntaxEdit[]
): UpgradePlan {
  plan.actions = plan.actions.map((action) => {
    if (!isScript(action.path) || (action.kind !== 'merge' && action.kind !== 'conflict' && action.kind !== 'update')) return action;
    const generated = base.files[action.path];
    const ours = readOurs(dir, action.path);
    if (generated === undefined || ours === undefined) return action;
    for (const edit of edits) {
      const edited = edit(ours, generated, String(theirs.get(action.path)));
      if (edited !== undefined) return { kind: 'edit', path: action.path, content: edited };
    }
    return action;
  });
  return plan;
}
