import { probe } from '../http/health.js';
import type { ShardedDatabase } from './sharded-database.js';

/**
 * The readiness of a sharded database: ok only when every shard answers, since a record may live
 * on any of them; the status of each shard by name, so an operator sees which one is down.
 */
export async function probeShards(db: ShardedDatabase<unknown>): Promise<{ ok: boolean; status: Record<string, string> }> {
  const probes = await Promise.all([...db.shards].map(async ([shard, database]) => [shard, await probe(() => database.ping())] as const));
  return {
    ok: probes.every(([, result]) => result.ok),
    status: Object.fromEntries(probes.map(([shard, result]) => [shard, result.status])),
  };
}
