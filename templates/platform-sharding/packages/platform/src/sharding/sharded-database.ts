import type { Logger } from 'pino';

import { openDatabase, type Database, type DatabaseOptions } from '../db/database.js';
import type { ShardRouter } from './router.js';

/** One service's data over several databases: the connection for a key, chosen by a router. */
export interface ShardedDatabase<Key> {
  /** The database the key's data lives on. A transaction stays on one shard. */
  forKey(key: Key): Database;
  /** Every shard's database by name: for migrations, readiness, and queries that span shards. */
  readonly shards: ReadonlyMap<string, Database>;
  close(): Promise<void>;
}

/**
 * Opens a database for every shard the router can route to (`databases` names how to reach each)
 * and routes keys to them. Opening fails, closing what it opened, if a shard has no database.
 */
export async function openShardedDatabase<Key>(
  router: ShardRouter<Key>,
  databases: Readonly<Record<string, DatabaseOptions>>,
  logger: Logger,
): Promise<ShardedDatabase<Key>> {
  const missing = router.shards.filter((shard) => databases[shard] === undefined);
  if (missing.length > 0) throw new Error(`no database given for shard(s) ${missing.join(', ')}`);

  const shards = new Map<string, Database>();
  const close = async (): Promise<void> => {
    await Promise.all([...shards.values()].map((db) => db.close()));
  };
  try {
    for (const shard of router.shards) {
      shards.set(shard, await openDatabase(databases[shard] as DatabaseOptions, logger.child({ shard })));
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    forKey: (key) => shards.get(router.shardFor(key)) as Database,
    shards,
    close,
  };
}
