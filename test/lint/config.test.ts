import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-lint.js';
import { lintConfigJsonSchema } from '../../src/lint/config/schema.js';
import { PATTERNS } from '../../src/lint/model.js';
import { RULE_IDS } from '../../src/lint/rules/index.js';
import { memoryIo } from './cli-io.js';
import { expectGolden } from './golden.js';
import { fixture } from './helpers.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of a fixture with extra files, so config never touches the committed fixtures. */
async function repoWith(base: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'arch-lint-config-'));
  temps.push(dir);
  await cp(fixture(base), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = memoryIo(dir);
  const code = await main(['.', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('config', () => {
  it('names the key path and the allowed values, on one line, exit 2', async () => {
    const cases: Array<[string, string]> = [
      ['{"rules":{"api-gateway":"loud"}}', 'arch-lint: ERROR: arch-lint.config.json: rules.api-gateway: must be one of off, warn, error\n'],
      ['{"architecture":"soa"}', 'arch-lint: ERROR: arch-lint.config.json: architecture: must be one of monolith, microservices, event-driven, cqrs\n'],
      ['{"rules":{"gateway":"off"}}', `arch-lint: ERROR: arch-lint.config.json: rules: unknown key gateway (allowed: ${RULE_IDS.join(', ')})\n`],
      ['{"suppressions":[{"rule":"api-gateway"}]}', 'arch-lint: ERROR: arch-lint.config.json: suppressions.0.reason: Invalid input: expected string, received undefined\n'],
      ['{"suppressions":[{"rule":"api-gateway","reason":"  "}]}', 'arch-lint: ERROR: arch-lint.config.json: suppressions.0.reason: a suppression needs a reason\n'],
      ['{ not json', 'arch-lint: ERROR: arch-lint.config.json: not valid JSON: '],
    ];
    for (const [text, message] of cases) {
      const { code, err } = await run(await repoWith('microservices-compose', { 'arch-lint.config.json': text }));
      expect(code, text).toBe(2);
      expect(err.startsWith(message), `${text} → ${err}`).toBe(true);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('reads YAML configs and package.json#archLint', async () => {
    const yamlRepo = await repoWith('microservices-legacy', { 'arch-lint.config.yaml': 'rules:\n  api-gateway: "off"\n' });
    const yaml = JSON.parse((await run(yamlRepo, '--json')).out) as { rules: Array<{ id: string; status: string; severitySource: string }> };
    expect(yaml.rules.find((r) => r.id === 'api-gateway')).toMatchObject({ status: 'off', severitySource: 'config' });
    expect((await run(yamlRepo)).out).toMatch(/^ {2}api-gateway +off \(config\)$/m);

    const pkgRepo = await repoWith('generated-monolith', { 'package.json': JSON.stringify({ name: 'shop', dependencies: { fastify: '5' }, archLint: { architecture: 'microservices' } }) });
    const pkg = JSON.parse((await run(pkgRepo, '--json')).out) as { intent: { pattern: string; source: string } };
    expect(pkg.intent).toMatchObject({ pattern: 'microservices', source: 'config' });
  });

  it('a config severity turns a failing rule into a warning and the run passes', async () => {
    const dir = await repoWith('rules/api-gateway/fail', { 'arch-lint.config.json': '{"rules":{"api-gateway":"warn","distributed-tracing":"off","health-checks":"off"}}' });
    const { code, out } = await run(dir, '--json');
    expect((JSON.parse(out) as { findings: Array<{ rule: string; severity: string }> }).findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['api-gateway:warn', 'async-messaging:warn']);
    expect(code).toBe(0);
  });

  it('ignore patterns hide paths from discovery', async () => {
    const dir = await repoWith('rules/service-boundaries/fail', { 'arch-lint.config.json': '{"ignore":["services/ledger/","services/search/"]}' });
    const result = JSON.parse((await run(dir, '--json')).out) as { services: Array<{ name: string }> };
    expect(result.services.map((s) => s.name)).toEqual(['billing', 'catalog', 'orders', 'payments', 'returns', 'shipping']);
  });

  it('exports a JSON Schema that lists the rules, severities and architectures, kept in src/lint/config for editors', () => {
    const schema = lintConfigJsonSchema() as { properties: { architecture: { enum: string[] }; rules: { propertyNames: { enum: string[] }; additionalProperties: { enum: string[] } } } };
    expect(schema.properties.architecture.enum).toEqual([...PATTERNS]);
    expect(schema.properties.rules.propertyNames.enum).toEqual(RULE_IDS);
    expect(schema.properties.rules.additionalProperties.enum).toEqual(['off', 'warn', 'error']);
    expectGolden(fileURLToPath(new URL('../../src/lint/config/arch-lint.config.schema.json', import.meta.url)), `${JSON.stringify(lintConfigJsonSchema(), null, 2)}\n`);
  });
});

describe('--config', () => {
  it('reads a config file named on the command line, relative to the working directory', async () => {
    const dir = await repoWith('rules/api-gateway/fail', {});
    const configDir = await mkdtemp(path.join(tmpdir(), 'arch-lint-cfg-'));
    temps.push(configDir);
    await writeFile(path.join(configDir, 'lint.yaml'), 'rules:\n  api-gateway: "off"\n  distributed-tracing: "off"\n  health-checks: "off"\n  async-messaging: "off"\n');
    const io = memoryIo(configDir);
    const code = await main([dir, '--config', 'lint.yaml'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const missing = memoryIo(configDir);
    expect(await main([dir, '--config', 'nope.yaml'], missing)).toBe(2);
    expect(missing.err()).toBe('arch-lint: ERROR: cannot read config file nope.yaml\n');
  });
});
