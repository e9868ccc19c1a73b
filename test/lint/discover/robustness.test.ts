import { mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/lint.js';
import { render } from '../../../src/lint/report/index.js';

let root: string;

/** A hostile repository built at test time: the 50 MB file is never committed. */
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'arch-lint-robust-'));
  const write = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  };
  await write('services/orders/package.json', '{ "name": "orders", "dependencies": { "fastify": ');
  await write('services/orders/src/server.ts', "app.get('/health', () => 'ok');\nimport { x } from '../../billing/src/x.js';\n");
  await write('services/billing/pom.xml', '<html>not a pom</html>');
  await write('services/billing/go.mod', 'module github.com/acme/billing\nrequire (\n');
  await write('services/billing/src/x.ts', Buffer.from([0x65, 0x78, 0x00, 0x01, 0xff, 0xfe]));
  await write('services/search/pyproject.toml', '[project\nname = ');
  await write('docker-compose.yml', 'services:\n  orders: {build: ./services/orders\n');
  await write('k8s/bad.yaml', 'apiVersion: v1\nkind: Deployment\nmetadata: *undefined_alias\n');
  await write('arch.json', '{"pattern": "galaxy-brain"}');
  await mkdir(path.join(root, 'services/orders/loop'), { recursive: true });
  await symlink('..', path.join(root, 'services/orders/loop/back'));
  await symlink('does-not-exist', path.join(root, 'dangling'));
  await symlink(tmpdir(), path.join(root, 'services/orders/outside'));
  const big = await open(path.join(root, 'services/orders/src/huge.ts'), 'w');
  await big.truncate(50 * 1024 * 1024); // sparse: 50 MB on paper, no disk or time spent writing it
  await big.close();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a hostile repository', () => {
  it('yields diagnostics for every unreadable thing and still lints the rest', async () => {
    const { result } = await lint(root, { version: 't' });
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual([
      'parse-error arch.json',
      'parse-error docker-compose.yml',
      'parse-error k8s/bad.yaml',
      'parse-error services/billing/pom.xml',
      'binary-file services/billing/src/x.ts',
      'symlink-loop services/orders/loop/back',
      'symlink-outside services/orders/outside',
      'parse-error services/orders/package.json',
      'file-too-large services/orders/src/huge.ts',
    ]);
    // The readable parts still count: billing's go.mod and search's folder are services, orders is known by its source.
    expect(result.services.map((s) => s.name)).toEqual(['billing', 'search']);
    expect(result.intent.source).toBe('inferred');
  });

  it('renders every format without throwing', async () => {
    const { result } = await lint(root, { version: 't' });
    for (const format of ['text', 'json', 'sarif', 'junit', 'github', 'mermaid'] as const) expect(render(format, result, { color: false })).toBeTypeOf('string');
  });
});
