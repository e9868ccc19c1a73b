import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileTree } from '../../src/generate/tree.js';
import { InterruptedError, writeTree } from '../../src/generate/write.js';
import { tempDir } from '../helpers/temp.js';

// Ctrl-C is simulated at an exact point: the nth file staged, or the nth file moved into place.
const hooks = vi.hoisted(() => ({ onStage: undefined as (() => void) | undefined, onMove: undefined as (() => void) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    writeFileSync: (...args: Parameters<typeof actual.writeFileSync>) => {
      hooks.onStage?.();
      return actual.writeFileSync(...args);
    },
  };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: (...args: Parameters<typeof actual.rename>) => {
      hooks.onMove?.();
      return actual.rename(...args);
    },
  };
});

function interruptAt(n: number): () => void {
  let calls = 0;
  return () => {
    if (++calls === n) process.emit('SIGINT', 'SIGINT');
  };
}

let parent: string;
afterEach(() => {
  hooks.onStage = undefined;
  hooks.onMove = undefined;
});
beforeEach(() => {
  parent = tempDir('arch-init-write-');
});

function bigTree(): FileTree {
  const tree: FileTree = new Map();
  tree.set('a.txt', 'new a');
  for (let i = 0; i < 300; i++) tree.set(`src/deep/file-${String(i).padStart(3, '0')}.ts`, `export const n = ${i};\n`);
  return tree;
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('writeTree', () => {
  it('creates a missing target with every file of the tree', async () => {
    const target = join(parent, 'nested', 'app');
    await writeTree(new Map([['a.txt', 'A'], ['src/b.ts', 'B']]), target, { force: false });
    expect(snapshot(target)).toEqual({ 'a.txt': 'A', 'src/b.ts': 'B' });
    expect(readdirSync(join(parent, 'nested'))).toEqual(['app']);
  });

  it('writes into an empty directory', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    await writeTree(new Map([['a.txt', 'A']]), target, { force: false });
    expect(snapshot(target)).toEqual({ 'a.txt': 'A' });
  });

  it('refuses a non-empty directory without --force and changes nothing', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    await expect(writeTree(new Map([['a.txt', 'A']]), target, { force: false })).rejects.toThrow(/not empty.*--force/);
    expect(snapshot(target)).toEqual({ 'keep.txt': 'mine' });
    expect(readdirSync(parent)).toEqual(['app']);
  });

  it('with --force replaces generated paths and keeps the user\'s other files', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    writeFileSync(join(target, 'a.txt'), 'old');
    await writeTree(new Map([['a.txt', 'new'], ['src/b.ts', 'B']]), target, { force: true });
    expect(snapshot(target)).toEqual({ 'keep.txt': 'mine', 'a.txt': 'new', 'src/b.ts': 'B' });
    expect(readdirSync(parent)).toEqual(['app']);
  });

  it('refuses, before writing anything, a file where the project needs a directory', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    writeFileSync(join(target, 'src'), 'a file');
    await expect(writeTree(new Map([['a.txt', 'A'], ['src/b.ts', 'B']]), target, { force: true })).rejects.toThrow(
      /src: is a file where the project needs a directory/,
    );
    expect(snapshot(target)).toEqual({ src: 'a file' });
  });

  it('an interrupt while staging leaves the target exactly as it was and no temporary folder behind', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    writeFileSync(join(target, 'a.txt'), 'old a');
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const before = snapshot(target);
    hooks.onStage = interruptAt(100);
    await expect(writeTree(bigTree(), target, { force: true })).rejects.toBeInstanceOf(InterruptedError);
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['app']);
  });

  it('an interrupt while moving files into place rolls every moved file back', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    writeFileSync(join(target, 'a.txt'), 'old a');
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const before = snapshot(target);
    hooks.onMove = interruptAt(50); // a.txt and dozens of new files are already in place
    await expect(writeTree(bigTree(), target, { force: true })).rejects.toBeInstanceOf(InterruptedError);
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['app']);
  });

  it('an interrupt while creating a new project leaves no target at all', async () => {
    const target = join(parent, 'fresh');
    hooks.onStage = interruptAt(10);
    await expect(writeTree(bigTree(), target, { force: false })).rejects.toBeInstanceOf(InterruptedError);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
