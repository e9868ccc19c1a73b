import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PATTERNS } from '../../../src/lint/model.js';
import { RULES } from '../../../src/lint/rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../src/lint/rules/', import.meta.url));

describe('rule registry', () => {
  it('lists exactly the rule modules in src/lint/rules, each exporting the rule of its file name', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(RULES.map((r) => r.id).sort()).toEqual(files);
  });

  it('holds the seven checklist rules in the guide\'s order', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'service-boundaries', 'database-per-service', 'api-gateway', 'circuit-breaker', 'async-messaging', 'distributed-tracing', 'health-checks',
    ]);
  });

  it('gives every rule a severity for every architecture and at least one message', () => {
    for (const rule of RULES) {
      expect(Object.keys(rule.meta.severity).sort(), rule.id).toEqual([...PATTERNS].sort());
      expect(Object.keys(rule.meta.messages).length, rule.id).toBeGreaterThan(0);
    }
  });

  it('never fails a monolith for lacking a gateway, a broker, breakers or per-service databases', () => {
    const offForMonolith = RULES.filter((r) => r.meta.severity.monolith === 'off').map((r) => r.id).sort();
    expect(offForMonolith).toEqual(['api-gateway', 'async-messaging', 'circuit-breaker', 'database-per-service']);
  });
});
