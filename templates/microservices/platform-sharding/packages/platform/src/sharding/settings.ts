import { join } from 'node:path';

import { z } from 'zod';

import { databaseSettings } from '../config.js';
import type { DatabaseOptions } from '../db/database.js';

const IN_MEMORY = 'memory://';

const PostgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/**
 * Settings of a process whose records are split over several databases (`shards`). DATABASE_URLS
 * names each shard's PostgreSQL (shard-0=postgres://…,shard-1=postgres://…); unset, each shard
 * runs an embedded PostgreSQL in PGLITE_DATA_DIR/<shard> ("memory://" keeps none).
 */
export function shardedDatabaseSettings(shards: readonly string[]) {
  const format = `expected ${shards.map((shard) => `${shard}=postgres://…`).join(',')}`;
  return {
    DATABASE_URLS: shardUrls(shards, format).optional(),
    // One URL cannot hold several shards, and ignoring it would put the records in embedded databases.
    DATABASE_URL: z.undefined({ error: `this service's records are split over shards: set DATABASE_URLS instead (${format})` }).optional(),
    PGLITE_DATA_DIR: databaseSettings.PGLITE_DATA_DIR,
  };
}

/** `shard-0=postgres://…,shard-1=postgres://…` → each shard's URL; every shard must have exactly one. */
function shardUrls(shards: readonly string[], format: string) {
  return z.string().transform((value, ctx) => {
    const urls = new Map<string, string>();
    // Problems name the entry by position, never by its text: a URL may hold a password.
    const problems = value.split(',').flatMap((entry, i) => {
      const at = entry.indexOf('=');
      const [shard, url] = [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
      if (at < 0) return [`entry ${i + 1} names no shard`];
      if (!shards.includes(shard)) return [`entry ${i + 1} names no shard of this service ("${shard}")`];
      if (urls.has(shard)) return [`${shard} is given twice`];
      if (!PostgresUrl.safeParse(url).success) return [`${shard}'s URL is not a postgres:// URL`];
      urls.set(shard, url);
      return [];
    });
    const missing = shards.filter((shard) => !urls.has(shard));
    if (problems.length === 0 && missing.length > 0) problems.push(`no URL for ${missing.join(', ')}`);
    if (problems.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${problems.join(', ')}; ${format}` });
      return z.NEVER;
    }
    return Object.fromEntries(urls);
  });
}

/** Where each shard's database is: its URL in DATABASE_URLS, or else a folder of its own for the embedded one. */
export function shardDatabaseOptions(
  shards: readonly string[],
  settings: { DATABASE_URLS?: Readonly<Record<string, string>> | undefined; PGLITE_DATA_DIR: string },
): Record<string, DatabaseOptions> {
  const { DATABASE_URLS: urls, PGLITE_DATA_DIR: dataDir } = settings;
  return Object.fromEntries(
    shards.map((shard) => [shard, urls !== undefined ? { url: urls[shard]! } : { pgliteDataDir: dataDir === IN_MEMORY ? IN_MEMORY : join(dataDir, shard) }]),
  );
}
