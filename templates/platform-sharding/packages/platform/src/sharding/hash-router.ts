import { hashKey, jumpConsistentHash } from './jump-hash.js';
import type { ShardRouter } from './router.js';

/**
 * Hash-based sharding: keys spread evenly over `shards`, whatever they look like, by jump
 * consistent hash of the key's SHA-256. Jump hash rather than a hash ring because it needs no
 * ring of virtual nodes in memory and its spread is even (a ring's is only as even as its number
 * of virtual nodes). Its limit suits a fixed list of databases: shards are numbered, so one is
 * added at the end of the list (moving 1/(n+1) of the keys, all to it) and only the last one can be
 * removed. The order of `shards` is therefore part of the data's layout: never reorder it.
 * Range queries across keys touch every shard; when they matter, shard by range.
 */
export function createHashRouter(shards: readonly string[]): ShardRouter<string> {
  if (shards.length === 0) throw new Error('a hash router needs at least one shard');
  if (new Set(shards).size !== shards.length) throw new Error(`shard names repeat: ${shards.join(', ')}`);
  const list = [...shards];
  return {
    shards: list,
    shardFor: (key) => list[jumpConsistentHash(hashKey(key), list.length)] as string,
  };
}
