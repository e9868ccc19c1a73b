import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-init.js';
import { templatesRoot } from '../../src/generate/paths.js';
import { captureIo } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

let cwd: string;
let next: string;
const project = () => join(cwd, 'shop');
const read = (path: string) => readFileSync(join(project(), path), 'utf8');
const edit = (path: string, change: (text: string) => string) => writeFileSync(join(project(), path), change(read(path)));

async function run(argv: string[]) {
  const io = captureIo({ cwd });
  const code = await main(argv, io, { templates: next });
  return { code, out: io.out(), err: io.err() };
}

/** A copy of today's templates, changed the way a newer arch-init would change them. */
function newerTemplates(): string {
  const dir = join(tempDir('arch-init-next-'), 'templates');
  cpSync(templatesRoot, dir, { recursive: true });
  const server = join(dir, 'monolith/project/src/server.ts.hbs');
  writeFileSync(server, readFileSync(server, 'utf8').replace('const SHUTDOWN_TIMEOUT_MS = 8_000;', 'const SHUTDOWN_TIMEOUT_MS = 9_000;'));
  const app = join(dir, 'monolith/project/src/app.ts.hbs');
  writeFileSync(app, readFileSync(app, 'utf8').replace("import Fastify,", "// Fastify 5: see https://fastify.dev/docs/latest/\nimport Fastify,"));
  writeFileSync(join(dir, 'monolith/project/src/shutdown.ts'), 'export const graceful = true;\n');
  rmSync(join(dir, 'monolith/project/test/logger.test.ts'));
  return dir;
}

beforeEach(async () => {
  cwd = tempDir('arch-init-upgrade-');
  next = newerTemplates();
  expect((await run(['shop', '--pattern', 'monolith', '--services', 'users,orders'])).code).toBe(0);
});

describe('arch-init upgrade', () => {
  it('applies template changes and keeps the user\'s edits, their files and their comments', async () => {
    edit('src/app.ts', (text) => `${text}\n// our own note: keep the app wiring small\n`);
    writeFileSync(join(project(), 'src/http/custom.ts'), 'export const mine = 1;\n');

    const { code, out } = await run(['upgrade', 'shop']);
    expect(code).toBe(0);
    expect(out).toContain('  update   src/server.ts');
    expect(out).toContain('  merge    src/app.ts');
    expect(out).toContain('  add      src/shutdown.ts');
    expect(out).toContain('  delete   test/logger.test.ts');

    expect(read('src/server.ts')).toContain('const SHUTDOWN_TIMEOUT_MS = 9_000;');
    expect(read('src/app.ts')).toMatch(/^\/\/ Fastify 5: see https:\/\/fastify.dev\/docs\/latest\/\nimport Fastify,/);
    expect(read('src/app.ts')).toContain('// our own note: keep the app wiring small');
    expect(read('src/shutdown.ts')).toBe('export const graceful = true;\n');
    expect(existsSync(join(project(), 'test/logger.test.ts'))).toBe(false);
    expect(read('src/http/custom.ts')).toBe('export const mine = 1;\n');

    // The new render is the base of the next upgrade: nothing left to do.
    expect((await run(['upgrade', 'shop'])).out).toBe('Already up to date with arch-init 0.1.0.\n');
  });

  it('writes standard conflict markers where the user and the templates changed the same lines, and exits 1', async () => {
    edit('src/server.ts', (text) => text.replace('const SHUTDOWN_TIMEOUT_MS = 8_000;', 'const SHUTDOWN_TIMEOUT_MS = 20_000; // our load balancer drains for 15 s'));
    const { code, out } = await run(['upgrade', 'shop']);
    expect(code).toBe(1);
    expect(out).toContain('  conflict src/server.ts');
    expect(out).toContain('1 conflict(s): resolve the <<<<<<< markers in src/server.ts');
    expect(read('src/server.ts')).toContain(
      [
        '<<<<<<< yours',
        'const SHUTDOWN_TIMEOUT_MS = 20_000; // our load balancer drains for 15 s',
        '||||||| generated base',
        'const SHUTDOWN_TIMEOUT_MS = 8_000;',
        '=======',
        'const SHUTDOWN_TIMEOUT_MS = 9_000;',
        '>>>>>>> arch-init 0.1.0',
      ].join('\n'),
    );
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    const before = read('src/server.ts');
    const { code, out } = await run(['upgrade', 'shop', '--dry-run']);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Would upgrade shop from arch-init 0.1.0 to 0.1.0 (dry run, nothing written):',
        '  update   src/app.ts',
        '  update   src/server.ts',
        '  add      src/shutdown.ts',
        '  delete   test/logger.test.ts',
        '  update   .arch-init/base.json',
        '',
      ].join('\n'),
    );
    expect(read('src/server.ts')).toBe(before);
    expect(existsSync(join(project(), 'src/shutdown.ts'))).toBe(false);
  });

  it('refuses a directory that arch-init did not generate, changing nothing', async () => {
    const { code, err } = await run(['upgrade', '.']);
    expect(code).toBe(2);
    expect(err).toMatch(/^arch-init: .*: not a project generated by arch-init \(no arch\.json\)\n$/);
  });

  it('refuses a project whose generated base was deleted, since edits could not be told apart', async () => {
    rmSync(join(project(), '.arch-init'), { recursive: true });
    const { code, err } = await run(['upgrade', 'shop']);
    expect(code).toBe(2);
    expect(err).toContain('.arch-init/base.json: missing or unreadable');
  });
});
