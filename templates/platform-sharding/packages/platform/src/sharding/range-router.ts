import type { ShardRouter } from './router.js';

/** Strings compare by code unit (so ISO 8601 dates sort by time), numbers by value. */
export type RangeKey = string | number;

/** Keys from `from` (inclusive) up to the next range's `from` live on `shard`. */
export interface KeyRange<Key extends RangeKey> {
  from: Key;
  shard: string;
}

export interface RangeRouter<Key extends RangeKey> extends ShardRouter<Key> {
  /** The ranges, in key order. */
  readonly ranges: readonly KeyRange<Key>[];
  /**
   * A router where the keys in [from, to) live on `shard` and every other key stays where it
   * was. Without `to`, every key from `from` up moves. Moving the data is the caller's job.
   */
  withRange(range: { from: Key; to?: Key; shard: string }): RangeRouter<Key>;
}

/**
 * Range-based sharding: ordered key ranges (ids, dates), each on one shard. Neighbouring keys
 * share a shard, so a range query reads one or a few shards, and a new range (this year's dates,
 * a hot id block) is placed without moving any key outside it. Keys below the first range's
 * `from` belong nowhere and are refused.
 */
export function createRangeRouter(ranges: readonly KeyRange<number>[]): RangeRouter<number>;
export function createRangeRouter(ranges: readonly KeyRange<string>[]): RangeRouter<string>;
export function createRangeRouter<Key extends RangeKey>(ranges: readonly KeyRange<Key>[]): RangeRouter<Key> {
  return rangeRouter(ranges);
}

function rangeRouter<Key extends RangeKey>(ranges: readonly KeyRange<Key>[]): RangeRouter<Key> {
  if (ranges.length === 0) throw new Error('a range router needs at least one range');
  const sorted = [...ranges].sort((a, b) => compare(a.from, b.from));
  for (let i = 1; i < sorted.length; i++) {
    if (compare(sorted[i - 1]!.from, sorted[i]!.from) === 0) throw new Error(`two ranges start at ${String(sorted[i]!.from)}`);
  }

  const indexFor = (key: Key): number => {
    // The last range whose `from` is at or below the key, by binary search.
    let low = 0;
    let high = sorted.length - 1;
    if (compare(key, sorted[0]!.from) < 0) return -1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (compare(sorted[middle]!.from, key) <= 0) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  const shardFor = (key: Key): string => {
    const index = indexFor(key);
    if (index < 0) throw new RangeError(`key ${String(key)} is below the first range, which starts at ${String(sorted[0]!.from)}`);
    return sorted[index]!.shard;
  };

  return {
    ranges: sorted,
    shards: [...new Set(sorted.map((range) => range.shard))],
    shardFor,
    withRange({ from, to, shard }) {
      if (to !== undefined && compare(from, to) >= 0) throw new RangeError(`range [${String(from)}, ${String(to)}) is empty`);
      // The keys between `to` and the first range belong nowhere, and a router cannot say so.
      if (to !== undefined && indexFor(to) < 0) {
        throw new RangeError(`range [${String(from)}, ${String(to)}) would leave a gap below ${String(sorted[0]!.from)}`);
      }
      // Ranges starting in [from, to] are replaced: by the new one, and by `to` staying where it was.
      const kept = sorted.filter((range) => compare(range.from, from) < 0 || (to !== undefined && compare(range.from, to) > 0));
      const added: KeyRange<Key>[] = [{ from, shard }];
      if (to !== undefined) added.push({ from: to, shard: shardFor(to) });
      return rangeRouter([...kept, ...added]);
    },
  };
}

function compare<Key extends RangeKey>(a: Key, b: Key): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
