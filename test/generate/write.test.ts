import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileTree } from '../../src/generate/tree.js';
import { InterruptedError, writeTree } from '../../src/generate/write.js';
import { tempDir } from '../helpers/temp.js';

let parent: string;
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

  it('an interrupt while writing leaves the target exactly as it was and no temporary folder behind', async () => {
    const target = join(parent, 'app');
    mkdirSync(target);
    writeFileSync(join(target, 'a.txt'), 'old a');
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const before = snapshot(target);
    const pending = writeTree(bigTree(), target, { force: true });
    // Ctrl-C arrives while the files are being staged or moved.
    const timer = setInterval(() => process.emit('SIGINT', 'SIGINT'), 1);
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    clearInterval(timer);
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['app']);
  });

  it('an interrupt while creating a new project leaves no target at all', async () => {
    const target = join(parent, 'fresh');
    const pending = writeTree(bigTree(), target, { force: false });
    const timer = setInterval(() => process.emit('SIGINT', 'SIGINT'), 1);
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    clearInterval(timer);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
