import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../../src/lint/lint.js';
import { tempDir } from '../../helpers/temp.js';
import { brief, fixture, lintFixture, ruleStatus, TEST_VERSION } from '../helpers.js';

describe('distributed-tracing', () => {
  it('accepts an OpenTelemetry dependency (npm, PyPI) or OTEL_* variables', async () => {
    const result = await lintFixture('rules/distributed-tracing/pass');
    expect(result.services.map((s) => s.name)).toEqual(['catalog', 'orders', 'payments']);
    expect(ruleStatus(result, 'distributed-tracing')).toBe('pass');
  });

  it("counts a Kong gateway's OpenTelemetry plugin as its tracing, and its absence as none", async () => {
    const result = await lintFixture('rules/distributed-tracing/kong');
    expect(result.services.map((s) => s.name)).toEqual(['gateway', 'orders']);
    expect(ruleStatus(result, 'distributed-tracing')).toBe('pass');

    const repo = tempDir('arch-lint-kong-');
    cpSync(fixture('rules/distributed-tracing/kong'), repo, { recursive: true });
    const kong = join(repo, 'gateway/kong.yml');
    writeFileSync(kong, readFileSync(kong, 'utf8').replace(/ {2}- name: opentelemetry\n[\s\S]*$/, ''));
    const without = (await lint(repo, { config: {}, version: TEST_VERSION })).result;
    expect(brief(without.findings, 'distributed-tracing')).toEqual(['distributed-tracing/missingTracing gateway gateway/package.json:1']);
  });

  it('flags a Kubernetes workload with no tracing, at its manifest', async () => {
    const result = await lintFixture('rules/distributed-tracing/fail');
    expect(brief(result.findings, 'distributed-tracing')).toEqual(['distributed-tracing/missingTracing ledger k8s/workloads.yaml:16']);
  });
});
