/**
 * What arch-init generated, recorded inside the project (.arch-init/base.json),
 * so that `arch-init upgrade` can tell the user's edits from template changes:
 * it is the common base of the three-way merge.
 */
import type { FileTree } from '../generate/tree.js';

export const snapshotPath = '.arch-init/base.json';

export interface Snapshot {
  generator: { name: 'arch-init'; version: string };
  files: Record<string, string>;
}

export function snapshotOf(tree: FileTree, version: string): string {
  const files: Record<string, string> = {};
  for (const path of [...tree.keys()].sort()) {
    if (path === snapshotPath) continue;
    const content = tree.get(path)!;
    files[path] = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  }
  const snapshot: Snapshot = { generator: { name: 'arch-init', version }, files };
  // One file per line keeps the snapshot reviewable in a diff when templates change.
  return `${JSON.stringify(snapshot, null, 1)}\n`;
}

export function parseSnapshot(text: string): Snapshot | undefined {
  try {
    const data = JSON.parse(text) as Partial<Snapshot>;
    if (data.generator?.name !== 'arch-init' || typeof data.files !== 'object' || data.files === null) return undefined;
    return data as Snapshot;
  } catch {
    return undefined;
  }
}
