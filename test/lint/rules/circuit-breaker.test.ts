import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('circuit-breaker', () => {
  it('passes outbound calls behind resilience4j (Java) and opossum (Node)', async () => {
    const result = await lintFixture('rules/circuit-breaker/pass');
    expect(result.services.map((s) => s.name)).toEqual(['orders', 'shipping']);
    expect(ruleStatus(result, 'circuit-breaker')).toBe('pass');
  });

  it('flags Python requests and Go http.Get without a breaker, at the call', async () => {
    const result = await lintFixture('rules/circuit-breaker/fail');
    expect(brief(result.findings, 'circuit-breaker')).toEqual([
      'circuit-breaker/missingBreaker catalog services/catalog/app.py:5',
      'circuit-breaker/missingBreaker pricing services/pricing/main.go:6',
    ]);
  });

  it('does not count the calls of tests (test folders, *.test.ts, *.spec.ts, _test.go) as the service calling out', async () => {
    const result = await lintFixture('rules/circuit-breaker/tests-only');
    expect(result.services.map((s) => s.name)).toEqual(['catalog', 'pricing']);
    expect(ruleStatus(result, 'circuit-breaker')).toBe('pass');
  });

  it('flags a sibling URL in compose environment as a synchronous call', async () => {
    const result = await lintFixture('microservices-legacy');
    expect(brief(result.findings, 'circuit-breaker')).toEqual(['circuit-breaker/missingBreaker orders docker-compose.yml:7']);
  });
});

describe('circuit-breaker with a service mesh', () => {
  it('accepts Istio outlier detection for every host as the breaker', async () => {
    const result = await lintFixture('rules/circuit-breaker/pass-mesh');
    expect(result.services.map((s) => s.name)).toEqual(['catalog', 'pricing']);
    expect(ruleStatus(result, 'circuit-breaker')).toBe('pass');
  });
});
