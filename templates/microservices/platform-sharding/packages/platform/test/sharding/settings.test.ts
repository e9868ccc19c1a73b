import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config.js';
import { shardDatabaseOptions, shardedDatabaseSettings } from '../../src/sharding/settings.js';

const SHARDS = ['shard-0', 'shard-1'];
const load = (env: NodeJS.ProcessEnv) => loadConfig(shardedDatabaseSettings(SHARDS), env);
const databases = (env: NodeJS.ProcessEnv) => shardDatabaseOptions(SHARDS, load(env));

describe('shardedDatabaseSettings', () => {
  it("gives each shard the URL DATABASE_URLS names for it, in any order, query strings included", () => {
    const env = { DATABASE_URLS: 'shard-1=postgres://b:5432/one?sslmode=require, shard-0=postgresql://a:5432/zero' };
    expect(databases(env)).toEqual({
      'shard-0': { url: 'postgresql://a:5432/zero' },
      'shard-1': { url: 'postgres://b:5432/one?sslmode=require' },
    });
  });

  it('gives each shard an embedded database in a folder of its own without DATABASE_URLS, or all in memory', () => {
    expect(databases({})).toEqual({ 'shard-0': { pgliteDataDir: '.data/pglite/shard-0' }, 'shard-1': { pgliteDataDir: '.data/pglite/shard-1' } });
    expect(databases({ PGLITE_DATA_DIR: 'memory://' })).toEqual({ 'shard-0': { pgliteDataDir: 'memory://' }, 'shard-1': { pgliteDataDir: 'memory://' } });
  });

  it.each([
    ['shard-0=postgres://a:5432/zero', 'no URL for shard-1'],
    ['postgres://a:5432/zero', 'entry 1 names no shard'],
    ['shard-0=postgres://a/zero,shard-2=postgres://c/two', 'entry 2 names no shard of this service ("shard-2")'],
    ['shard-0=postgres://a/zero,shard-0=postgres://a/again', 'shard-0 is given twice'],
    ['shard-0=mysql://secret@a/zero,shard-1=postgres://b/one', "shard-0's URL is not a postgres:// URL"],
  ])('refuses DATABASE_URLS=%s in one line naming the variable and the format, never the URLs', (value, problem) => {
    expect(() => load({ DATABASE_URLS: value })).toThrow(
      `invalid environment: DATABASE_URLS: ${problem}; expected shard-0=postgres://…,shard-1=postgres://…`,
    );
    expect(() => load({ DATABASE_URLS: value })).not.toThrow(/secret/);
  });

  it('refuses a single DATABASE_URL, which would leave the shards on embedded databases', () => {
    expect(() => load({ DATABASE_URL: 'postgres://a:5432/all' })).toThrow(
      "DATABASE_URL: this service's records are split over shards: set DATABASE_URLS instead",
    );
  });
});
