import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-lint.js';
import { FORMATS } from '../../src/lint/formats.js';
import { memoryIo } from './cli-io.js';
import { FIXTURES } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(FIXTURES, env);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('arch-lint CLI', () => {
  it('--version prints the package version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
  });

  it('--help lists every format and the explain command', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const format of FORMATS) expect(out).toContain(`"${format}"`);
    expect(out).toMatch(/explain <rule>/);
  });

  it('exits 0 on a clean repository and 1 when a rule fails at error level', async () => {
    expect((await run(['microservices-compose'])).code).toBe(0);
    expect((await run(['microservices-legacy'])).code).toBe(1);
  });

  it('--json is --format json', async () => {
    const a = await run(['microservices-legacy', '--json']);
    const b = await run(['microservices-legacy', '--format', 'json']);
    expect(a.out).toBe(b.out);
    expect((JSON.parse(a.out) as { findings: unknown[] }).findings).toHaveLength(11);
  });

  it('NO_COLOR wins over FORCE_COLOR', async () => {
    expect((await run(['generated-monolith'], { FORCE_COLOR: '1' })).out).toContain('\u001b[');
    expect((await run(['generated-monolith'], { FORCE_COLOR: '1', NO_COLOR: '1' })).out).not.toContain('\u001b[');
  });

  it('usage errors are one line on stderr and exit 2', async () => {
    for (const argv of [['--format', 'xml'], ['no-such-dir'], ['--bogus'], ['explain', 'no-such-rule']]) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out, argv.join(' ')).toBe('');
      expect(err.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect((await run(['no-such-dir'])).err).toBe('arch-lint: ERROR: not a directory: no-such-dir\n');
  });

  it('explain prints the rule\'s documentation', async () => {
    const { code, out } = await run(['explain', 'database-per-service']);
    expect(code).toBe(0);
    expect(out).toBe(readFileSync(new URL('../../docs/rules/database-per-service.md', import.meta.url), 'utf8'));
  });
});
