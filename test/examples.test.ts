import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/arch-init.js';
import { repoRoot } from './helpers/cli.js';
import { captureIo } from './helpers/io.js';
import { tempDir } from './helpers/temp.js';

function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.includes('node_modules') && !path.includes(`${dir}/.data`) && !path.includes(`${dir}/dist`)) {
      found.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  }
  return found;
}

const examples = JSON.parse(readFileSync(join(repoRoot, 'examples', 'examples.json'), 'utf8')) as { name: string; args: string[] }[];

// examples/ must be exactly what the templates produce today: `npm run examples` regenerates it.
describe('examples/', () => {
  it.each(examples)('$name is what `arch-init $name $args` generates', async ({ name, args }) => {
    const cwd = tempDir();
    const io = captureIo({ cwd });
    expect(await main([name, ...args], io)).toBe(0);
    const expected = files(join(cwd, name));
    const committed = files(join(repoRoot, 'examples', name));
    expect([...committed.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(committed.get(path), `examples/${name}/${path} is stale: npm run examples`).toBe(content);
  });

  it('lists every example folder in examples.json', () => {
    const folders = readdirSync(join(repoRoot, 'examples'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'ci')
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(examples.map((e) => e.name).sort());
  });
});
