import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
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

  // Synchronous on purpose, like RepoFiles.read: awaiting one stat per file left the process
  // idle most of the walk (measured on 10,000 files: 0.7 s awaited, 0.13 s synchronous).
  function visit(dirRel: string, ancestry: ReadonlySet<string>, ignores: ReadonlyArray<{ base: string; rules: Ignore }>): void {
    const dirAbs = path.join(root, dirRel);
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ code: 'unreadable', file: dirRel || '.', message: `cannot list folder: ${(error as Error).message}` });
      return;
    }
    const local = entries.some((e) => e.name === '.gitignore')
      ? [...ignores, { base: dirRel, rules: ignore().add(readText(path.join(dirAbs, '.gitignore'))) }]
      : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let realDir: string | undefined;
      if (entry.isSymbolicLink()) {
        const target = statOrUndefined(path.join(root, rel));
        if (!target) continue; // a dangling link has nothing to read
        isDir = target.isDirectory();
        if (isDir) {
          realDir = realpathSync(path.join(root, rel));
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
        const real = realDir ?? realpathSync(path.join(root, rel));
        visit(rel, new Set([...ancestry, real]), local);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        // Follows a link to a file: its target is what will be read.
        const info = statOrUndefined(path.join(root, rel));
        if (info) files.push({ path: rel, size: info.size });
      }
    }
  }

  const realRoot = realpathSync(root);
  visit('', new Set([realRoot]), []);
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

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A link that dangles or loops on itself (ELOOP) has nothing to read. */
function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
