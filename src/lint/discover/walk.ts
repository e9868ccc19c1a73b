import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Diagnostic } from '../model.js';

/** Folders that hold installed, generated or built code, never the repository's own architecture. */
const SKIPPED_DIRS = new Set([
  '.git', 'node_modules', 'vendor', 'dist', 'build', 'target', 'out', 'bin', 'obj', '.next', '.nuxt',
  'coverage', '__pycache__', '.venv', 'venv', '.tox', '.gradle', '.idea', '.vscode', '.turbo', '.cache',
]);

export interface RepoFile {
  path: string;
  size: number;
}

export interface WalkOptions {
  /** gitignore-style patterns from the config, applied from the root. */
  ignore?: string[];
}

/**
 * Every file under `root` that is neither ignored nor in a build folder,
 * sorted by path. Symlinked folders are followed once: a link back into a
 * folder already on the way down is a loop and becomes a diagnostic.
 */
export async function walk(root: string, options: WalkOptions = {}): Promise<{ files: RepoFile[]; diagnostics: Diagnostic[] }> {
  const files: RepoFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const rootIgnore = ignore().add(options.ignore ?? []);

  async function visit(dirRel: string, ancestry: ReadonlySet<string>, ignores: ReadonlyArray<{ base: string; rules: Ignore }>): Promise<void> {
    const dirAbs = path.join(root, dirRel);
    let entries;
    try {
      entries = await readdir(dirAbs, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ code: 'unreadable', file: dirRel || '.', message: `cannot list folder: ${(error as Error).message}` });
      return;
    }
    const local = entries.some((e) => e.name === '.gitignore')
      ? [...ignores, { base: dirRel, rules: ignore().add(await readFile(path.join(dirAbs, '.gitignore'), 'utf8').catch(() => '')) }]
      : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let realDir: string | undefined;
      if (entry.isSymbolicLink()) {
        const target = await stat(path.join(root, rel)).catch(() => undefined);
        if (!target) continue; // a dangling link has nothing to read
        isDir = target.isDirectory();
        if (isDir) {
          realDir = await realpath(path.join(root, rel));
          if (!isWithin(realDir, realRoot)) {
            // A link to / or a home folder would turn one lint into a walk of the whole machine.
            diagnostics.push({ code: 'symlink-outside', file: rel, message: 'symbolic link leaves the repository; not followed' });
            continue;
          }
          if (ancestry.has(realDir)) {
            diagnostics.push({ code: 'symlink-loop', file: rel, message: `symbolic link loops back to ${path.relative(root, realDir) || '.'}; not followed` });
            continue;
          }
        }
      }
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      if (isIgnored(rel, isDir, rootIgnore, local)) continue;
      if (isDir) {
        const real = realDir ?? (await realpath(path.join(root, rel)));
        await visit(rel, new Set([...ancestry, real]), local);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const info = await lstat(path.join(root, rel)).then((s) => (s.isSymbolicLink() ? stat(path.join(root, rel)) : s));
        files.push({ path: rel, size: info.size });
      }
    }
  }

  const realRoot = await realpath(root);
  await visit('', new Set([realRoot]), []);
  return { files, diagnostics };
}

function isWithin(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function isIgnored(rel: string, isDir: boolean, rootIgnore: Ignore, ignores: ReadonlyArray<{ base: string; rules: Ignore }>): boolean {
  const probe = isDir ? `${rel}/` : rel;
  if (rootIgnore.ignores(probe)) return true;
  return ignores.some(({ base, rules }) => {
    const inner = base ? probe.slice(base.length + 1) : probe;
    return inner !== '' && rules.ignores(inner);
  });
}
