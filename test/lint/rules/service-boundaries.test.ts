import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('service-boundaries', () => {
  it('passes services that share code through a workspace library', async () => {
    const result = await lintFixture('rules/service-boundaries/pass');
    expect(brief(result.findings, 'service-boundaries')).toEqual([]);
    expect(ruleStatus(result, 'service-boundaries')).toBe('pass');
  });

  it('finds imports into another service in TS, Go, Java and Python', async () => {
    const result = await lintFixture('rules/service-boundaries/fail');
    expect(brief(result.findings, 'service-boundaries')).toEqual([
      'service-boundaries/crossService billing services/billing/src/server.ts:2',
      'service-boundaries/crossService billing services/billing/src/server.ts:3',
      'service-boundaries/crossService ledger services/ledger/main.go:6',
      'service-boundaries/crossService returns services/returns/src/main/java/com/acme/returns/Returns.java:4',
      'service-boundaries/crossService search services/search/app.py:2',
    ]);
  });

  it('in a monolith, allows a module\'s index and flags its internals', async () => {
    const result = await lintFixture('rules/service-boundaries/fail-monolith');
    expect(result.intent).toMatchObject({ pattern: 'monolith', source: 'arch.json' });
    expect(brief(result.findings, 'service-boundaries')).toEqual(['service-boundaries/moduleInternals shop src/modules/billing/index.ts:2']);
  });
});
