import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('database-per-service', () => {
  it('passes services with their own databases (URL and DB_HOST/DB_NAME)', async () => {
    const result = await lintFixture('rules/database-per-service/pass');
    expect(result.datastoreUses.map((u) => `${u.service}->${u.host}/${u.database}`)).toEqual(['catalog->catalog-db/catalog', 'orders->orders-db/orders']);
    expect(ruleStatus(result, 'database-per-service')).toBe('pass');
  });

  it('flags every service on the shared database, by URL, by variables and by depends_on', async () => {
    const result = await lintFixture('rules/database-per-service/fail');
    expect(brief(result.findings, 'database-per-service')).toEqual([
      'database-per-service/sharedDatabase catalog docker-compose.yml:10',
      'database-per-service/sharedDatabase orders docker-compose.yml:5',
      'database-per-service/sharedDatabase reports docker-compose.yml:12',
    ]);
  });

  it('is off for a monolith, whose one database is the point', async () => {
    const result = await lintFixture('rules/database-per-service/fail', { architecture: 'monolith' });
    expect(ruleStatus(result, 'database-per-service')).toBe('off');
    expect(brief(result.findings, 'database-per-service')).toEqual([]);
  });
});
