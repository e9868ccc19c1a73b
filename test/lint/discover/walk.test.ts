import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walk } from '../../../src/lint/discover/walk.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'arch-lint-walk-'));
  const files = [
    'a.ts', 'node_modules/x/package.json', 'vendor/y.go', '.git/config', 'svc/dist/out.js', 'svc/target/App.class',
    'svc/src/b.ts', 'svc/src/gen/c.ts', 'svc/.gitignore', 'svc/logs/d.log', 'legacy/e.ts', '.gitignore',
  ];
  for (const f of files) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await writeFile(path.join(root, f), f.endsWith('.gitignore') ? (f === '.gitignore' ? '*.log\n' : 'src/gen/\n') : 'x');
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('walk', () => {
  it('skips build and dependency folders, root and nested .gitignore, and config ignores; sorted', async () => {
    const { files, diagnostics } = await walk(root, { ignore: ['legacy/'] });
    expect(files.map((f) => f.path)).toEqual(['.gitignore', 'a.ts', 'svc/.gitignore', 'svc/src/b.ts']);
    expect(diagnostics).toEqual([]);
  });
});
