/**
 * Writes a file tree so that the target ends up either exactly as it was or
 * with the whole project in it, never half of it: everything is staged in a
 * temporary folder beside the target and moved into place at the end. An
 * interrupt (Ctrl-C, SIGTERM) before or during the move rolls back.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { sortedPaths, type FileTree } from './tree.js';

export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted: the target was left as it was');
  }
}

type TargetState = 'missing' | 'empty' | 'non-empty';

export async function targetState(target: string): Promise<TargetState> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') throw new UsageError(`${target}: a parent of this path is a file, not a directory`);
    throw error;
  }
  if (!info.isDirectory()) throw new UsageError(`${target}: exists and is not a directory`);
  return (await readdir(target)).length === 0 ? 'empty' : 'non-empty';
}

/** Refuses before any work is done: a non-empty target needs --force, and a file can't replace a folder. */
export async function checkTarget(tree: FileTree | undefined, target: string, force: boolean): Promise<TargetState> {
  const state = await targetState(target);
  if (state === 'non-empty' && !force) {
    throw new UsageError(`${target}: directory is not empty (use --force to write into it)`);
  }
  if (state === 'non-empty' && tree) {
    for (const path of sortedPaths(tree)) {
      const segments = path.split('/');
      for (let i = 1; i <= segments.length; i++) {
        const existing = join(target, ...segments.slice(0, i));
        if (!existsSync(existing)) break;
        const isDir = (await stat(existing)).isDirectory();
        const needsDir = i < segments.length;
        if (isDir !== needsDir) {
          throw new UsageError(`${existing}: is a ${isDir ? 'directory' : 'file'} where the project needs a ${needsDir ? 'directory' : 'file'}`);
        }
      }
    }
  }
  return state;
}

/** Holds SIGINT/SIGTERM while the disk is being changed, so the change can finish or roll back. */
function deferSignals() {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    check() {
      if (received) throw new InterruptedError();
    },
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Writes the whole tree into the staging folder. Synchronously: for a few hundred small
 * files that is several times faster than a round trip to the thread pool per file, and
 * nothing outside the staging folder can be half-written by it.
 */
function stage(tree: FileTree, staging: string) {
  for (const path of sortedPaths(tree)) {
    const file = join(staging, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, tree.get(path)!);
  }
}

/** Lets a signal that arrived during synchronous work reach its handler. */
const drainSignals = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Moves staged files into a non-empty target one by one, and removes the paths in `remove`,
 * keeping everything they replace or remove in a backup until the end, so that a failure or an
 * interrupt can put every file back.
 */
async function mergeInto(tree: FileTree, remove: string[], staging: string, target: string, signals: { check(): void }) {
  const backup = await mkdtemp(join(dirname(target), `.${basename(target)}.arch-init-backup-`));
  const done: { path: string; placed: boolean; backedUp: boolean }[] = [];
  const createdDirs: string[] = [];
  const backUp = async (path: string) => {
    await mkdir(dirname(join(backup, path)), { recursive: true });
    await rename(join(target, path), join(backup, path));
  };
  try {
    for (const path of sortedPaths(tree)) {
      signals.check();
      const to = join(target, path);
      const parent = dirname(to);
      if (!existsSync(parent)) {
        const first = await mkdir(parent, { recursive: true });
        if (first) createdDirs.push(first);
      }
      const backedUp = existsSync(to);
      if (backedUp) await backUp(path);
      done.push({ path, placed: true, backedUp });
      await rename(join(staging, path), to);
    }
    for (const path of [...remove].sort()) {
      signals.check();
      if (!existsSync(join(target, path))) continue;
      await backUp(path);
      done.push({ path, placed: false, backedUp: true });
    }
  } catch (error) {
    for (const { path, placed, backedUp } of done.reverse()) {
      if (placed) await rm(join(target, path), { force: true });
      if (backedUp) await rename(join(backup, path), join(target, path));
    }
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(backup, { recursive: true, force: true });
  }
}

export interface WriteOptions {
  /** Write into a non-empty directory, replacing the files the tree has. */
  force: boolean;
  /** Paths to delete from an existing target in the same all-or-nothing step (an upgrade drops files). */
  remove?: string[];
}

export async function writeTree(tree: FileTree, target: string, options: WriteOptions): Promise<void> {
  const state = await checkTarget(tree, target, options.force);
  const createdParent = await mkdir(dirname(target), { recursive: true });
  const signals = deferSignals();
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.arch-init-`));
  let done = false;
  try {
    stage(tree, staging);
    await drainSignals();
    signals.check();
    if (state === 'non-empty') {
      await mergeInto(tree, options.remove ?? [], staging, target, signals);
    } else {
      if (state === 'empty') await rmdir(target);
      await rename(staging, target);
    }
    done = true;
  } finally {
    signals.release();
    await rm(staging, { recursive: true, force: true });
    if (!done && createdParent) await rm(createdParent, { recursive: true, force: true });
  }
}
