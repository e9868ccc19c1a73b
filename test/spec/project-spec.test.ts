import { describe, expect, it } from 'vitest';
import { firstIssueLine } from '../../src/spec/issues.js';
import { projectSpecSchema } from '../../src/spec/project-spec.js';

const valid = {
  name: 'shop',
  pattern: 'monolith',
  services: ['users', 'orders'],
  database: 'postgres',
  broker: 'none',
  port: 3000,
  lang: 'en',
  decision: { overridden: false },
};

function problem(overrides: Record<string, unknown>): string {
  const result = projectSpecSchema.safeParse({ ...valid, ...overrides });
  if (result.success) throw new Error('expected the spec to be refused');
  return firstIssueLine(result.error);
}

describe('ProjectSpec', () => {
  it('accepts a valid spec', () => {
    expect(projectSpecSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    [{ services: ['users', 'users'] }, 'services: "users" is listed twice'],
    [{ services: [] }, 'services: needs at least one name'],
    [{ services: ['../x'] }, 'services[0]: "../x" must not contain path separators'],
    [{ services: ['ok', ''] }, 'services[1]: "" is empty'],
    [{ services: ['delete'] }, 'services[0]: "delete" is a reserved word'],
    [{ pattern: 'serverless' }, 'pattern: Invalid option'],
    [{ database: 'oracle' }, 'database: Invalid input: expected "postgres"'],
    [{ broker: 'zeromq' }, 'broker: Invalid option'],
    [{ name: 'My Shop' }, 'name: must be lowercase'],
    [{ extra: 1 }, 'unknown key(s) "extra"'],
  ])('refuses %j with one line naming the field', (overrides, message) => {
    expect(problem(overrides)).toContain(message);
  });
});
