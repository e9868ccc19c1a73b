import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('distributed-tracing', () => {
  it('accepts an OpenTelemetry dependency (npm, PyPI) or OTEL_* variables', async () => {
    const result = await lintFixture('rules/distributed-tracing/pass');
    expect(result.services.map((s) => s.name)).toEqual(['catalog', 'orders', 'payments']);
    expect(ruleStatus(result, 'distributed-tracing')).toBe('pass');
  });

  it('flags a Kubernetes workload with no tracing, at its manifest', async () => {
    const result = await lintFixture('rules/distributed-tracing/fail');
    expect(brief(result.findings, 'distributed-tracing')).toEqual(['distributed-tracing/missingTracing ledger k8s/workloads.yaml:16']);
  });
});
