/** Pure routing: which shard a key's data lives on. Knows nothing of connections. */
export interface ShardRouter<Key> {
  /** Every shard a key can be routed to. */
  readonly shards: readonly string[];
  shardFor(key: Key): string;
}
