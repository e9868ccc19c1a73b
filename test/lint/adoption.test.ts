import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-lint.js';
import { memoryIo } from './cli-io.js';
import { brief, fixture } from './helpers.js';
import type { LintResult } from '../../src/lint/result.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function copyOf(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'arch-lint-adopt-'));
  temps.push(dir);
  await cp(fixture(name), dir, { recursive: true });
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = memoryIo(dir);
  const code = await main(['.', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('baseline', () => {
  it('a legacy repository adopts arch-lint: known findings are softened, new ones fail', async () => {
    const dir = await copyOf('microservices-legacy');
    const update = await run(dir, '--update-baseline', '--baseline', 'arch-baseline.json');
    expect(update.code).toBe(0);
    expect(update.err).toBe('arch-lint: wrote 11 findings to arch-baseline.json\n');
    const baseline = JSON.parse(await readFile(path.join(dir, 'arch-baseline.json'), 'utf8')) as { findings: unknown[] };
    expect(baseline.findings).toHaveLength(11);

    const known = await run(dir, '--baseline', 'arch-baseline.json', '--json');
    expect(known.code).toBe(0);
    expect((JSON.parse(known.out) as LintResult).findings.every((f) => f.baselined)).toBe(true);

    await mkdir(path.join(dir, 'services/audit'), { recursive: true });
    await writeFile(path.join(dir, 'services/audit/package.json'), '{ "name": "audit", "dependencies": { "@opentelemetry/sdk-node": "1" } }');
    const grown = await run(dir, '--baseline', 'arch-baseline.json', '--json');
    expect(grown.code).toBe(1);
    expect(brief((JSON.parse(grown.out) as LintResult).findings.filter((f) => !f.baselined))).toEqual(['health-checks/missingHealth audit services/audit/package.json:1']);
  });

  it('a missing baseline file is a usage error', async () => {
    const { code, err } = await run(await copyOf('microservices-legacy'), '--baseline', 'nope.json');
    expect(code).toBe(2);
    expect(err).toBe('arch-lint: ERROR: cannot read baseline nope.json; create it with --update-baseline\n');
  });
});

describe('suppressions', () => {
  it('config suppressions with a reason remove findings by rule and service', async () => {
    const dir = await copyOf('microservices-legacy');
    await writeFile(path.join(dir, 'arch-lint.config.json'), JSON.stringify({ suppressions: [{ rule: 'health-checks', service: 'reports', reason: 'batch job, no server' }] }));
    const result = JSON.parse((await run(dir, '--json')).out) as LintResult;
    expect(brief(result.findings, 'health-checks')).toEqual(['health-checks/missingHealth orders services/orders/package.json:1']);
    expect(result.suppressed).toBe(1);
  });

  it('inline suppressions need a reason; with one they remove the finding on the next line', async () => {
    const dir = await copyOf('microservices-legacy');
    const file = path.join(dir, 'services/orders/src/index.js');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace("const { rates }", "// arch-lint-disable-next-line service-boundaries -- rates move to a shared package in JIRA-12\nconst { rates }"));
    const result = JSON.parse((await run(dir, '--json')).out) as LintResult;
    expect(brief(result.findings, 'service-boundaries')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'suppression-without-reason').map((d) => `${d.file}:${d.line}`)).toEqual(['services/orders/src/index.js:11']);
  });

  it('a file-wide inline suppression with a reason covers every finding of that rule in the file', async () => {
    const dir = await copyOf('microservices-legacy');
    const file = path.join(dir, 'docker-compose.yml');
    await writeFile(file, `# arch-lint-disable database-per-service -- one database until the Q3 split\n${await readFile(file, 'utf8')}`);
    const result = JSON.parse((await run(dir, '--json')).out) as LintResult;
    expect(brief(result.findings, 'database-per-service')).toEqual([]);
    expect(result.suppressed).toBe(3);
  });
});
