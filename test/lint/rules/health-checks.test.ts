import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('health-checks', () => {
  it('accepts a route (Go), a Dockerfile HEALTHCHECK (Python) and a Kubernetes probe', async () => {
    const result = await lintFixture('rules/health-checks/pass');
    expect(result.services.map((s) => s.name)).toEqual(['billing', 'orders', 'stock']);
    expect(ruleStatus(result, 'health-checks')).toBe('pass');
  });

  it('flags services with no route, no healthcheck or a disabled one', async () => {
    const result = await lintFixture('rules/health-checks/fail');
    expect(brief(result.findings, 'health-checks')).toEqual([
      'health-checks/missingHealth orders services/orders/package.json:1',
      'health-checks/missingHealth search docker-compose.yml:6',
    ]);
  });
});
