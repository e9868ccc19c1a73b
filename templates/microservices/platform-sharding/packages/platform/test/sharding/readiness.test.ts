import { describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { probeShards } from '../../src/sharding/readiness.js';
import type { ShardedDatabase } from '../../src/sharding/sharded-database.js';

/** Shards that answer a ping, or fail it like a database that is down. */
function shardsAnswering(answers: Record<string, boolean>): ShardedDatabase<string> {
  const ping = (up: boolean) => async () => {
    if (!up) throw new Error('connection refused');
  };
  const shards = new Map(Object.entries(answers).map(([shard, up]) => [shard, { ping: ping(up) } as unknown as Database]));
  return { shards, forKey: () => shards.values().next().value!, close: async () => {} };
}

describe('probeShards', () => {
  it('is ok when every shard answers, naming each', async () => {
    expect(await probeShards(shardsAnswering({ 'shard-0': true, 'shard-1': true }))).toEqual({
      ok: true,
      status: { 'shard-0': 'ok', 'shard-1': 'ok' },
    });
  });

  it('is not ok when one shard is down, and says which', async () => {
    expect(await probeShards(shardsAnswering({ 'shard-0': true, 'shard-1': false }))).toEqual({
      ok: false,
      status: { 'shard-0': 'ok', 'shard-1': 'unreachable: connection refused' },
    });
  });
});
