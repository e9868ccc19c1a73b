import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

// The package as npm publishes it: a file missing from "files" fails here, not on a user's machine.
describe('the packed tarball', () => {
  let tarball: string;
  let empty: string;
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

  const npx = (bin: string, ...args: string[]) =>
    execa('npm', ['exec', '--yes', '--package', tarball, '--', bin, ...args], {
      cwd: empty,
      reject: false,
      env: { NO_COLOR: '1', npm_config_update_notifier: 'false' },
    });

  beforeAll(async () => {
    const out = tempDir('arch-init-pack-');
    empty = tempDir('arch-init-empty-');
    const { stdout } = await execa('npm', ['pack', '--json', '--pack-destination', out], { cwd: repoRoot });
    tarball = join(out, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  }, 180_000);

  it('runs arch-init from the tarball in an empty folder', async () => {
    const result = await npx('arch-init', '--version');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  }, 180_000);

  it('generates a project from the tarball, so the templates are in it', async () => {
    const result = await npx('arch-init', 'demo', '--yes');
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(empty, 'demo', 'src/modules/orders/index.ts'))).toBe(true);
    expect(existsSync(join(empty, 'demo', '.gitignore'))).toBe(true);
  }, 180_000);

  it('runs arch-lint from the tarball', async () => {
    const result = await npx('arch-lint', '--help');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: arch-lint');
  }, 180_000);
});
