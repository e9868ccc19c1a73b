import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { patternIds } from '../../src/decide/matrix.js';
import { generateTree } from '../../src/generate/plan.js';
import { projectSpecSchema } from '../../src/spec/project-spec.js';
import { brief, TEST_VERSION } from './helpers.js';
import { lint } from '../../src/lint/lint.js';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

/** The design's promise: a generated project is always arch-lint's first passing fixture. */
describe.each(patternIds)('a generated %s project', (pattern) => {
  it.each(pattern === 'monolith' ? [{}] : [{}, { gateway: 'nginx', replicas: { orders: 2 } }, { gateway: 'kong' }])('%j scores every applicable rule green, with nothing it could not read', async (deployment) => {
    // The spec as the CLI writes it. Messaging comes with the event-driven patterns: until then a
    // microservices project has no broker, which the checklist flags as a warning, and only that.
    const spec = projectSpecSchema.parse({
      name: 'shop', pattern, services: ['users', 'orders'], database: 'postgres', port: 3000, lang: 'en', decision: { overridden: false },
      ...(pattern === 'event-driven' || pattern === 'cqrs' ? { broker: 'rabbitmq', saga: 'choreography' } : { broker: 'none' }),
      ...deployment,
    });
    const knownGaps = pattern === 'microservices' ? ['async-messaging/noBroker - arch.json:1'] : [];
    const dir = await mkdtemp(path.join(tmpdir(), `arch-lint-generated-${pattern}-`));
    temps.push(dir);
    for (const [file, content] of generateTree(spec)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    const { result } = await lint(dir, { version: TEST_VERSION });
    expect(result.intent).toMatchObject({ pattern, source: 'arch.json' });
    // The edge it generated is the one arch-lint sees: its own config, not only a service's name.
    if ('gateway' in deployment) expect(result.gateways.map((gateway) => gateway.kind)).toContain(deployment.gateway);
    expect(brief(result.findings)).toEqual(knownGaps);
    expect(result.findings.every((f) => f.severity === 'warn')).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.score.passed).toBe(result.score.total - knownGaps.length);
  });
});
