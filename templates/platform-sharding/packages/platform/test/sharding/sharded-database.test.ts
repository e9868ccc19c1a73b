import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHashRouter } from '../../src/sharding/hash-router.js';
import { openShardedDatabase, type ShardedDatabase } from '../../src/sharding/sharded-database.js';
import { silentLogger } from '../../src/testing/backends.js';

describe('openShardedDatabase', () => {
  const router = createHashRouter(['east', 'west']);
  let sharded: ShardedDatabase<string>;
  beforeAll(async () => {
    sharded = await openShardedDatabase(router, { east: { pgliteDataDir: 'memory://' }, west: { pgliteDataDir: 'memory://' } }, silentLogger);
    for (const db of sharded.shards.values()) await db.query('CREATE TABLE customers (id text PRIMARY KEY, name text NOT NULL)');
  });
  afterAll(() => sharded.close());

  it("writes and reads each key's rows on its own shard only", async () => {
    const customers = Array.from({ length: 20 }, (_, i) => ({ id: `customer-${i}`, name: `name ${i}` }));
    for (const { id, name } of customers) {
      await sharded.forKey(id).query('INSERT INTO customers (id, name) VALUES ($1, $2)', [id, name]);
    }

    for (const [shard, db] of sharded.shards) {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM customers ORDER BY id');
      const expected = customers.filter((customer) => router.shardFor(customer.id) === shard).map((customer) => customer.id);
      expect(rows.map((row) => row.id)).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(0);
    }
    const { rows } = await sharded.forKey('customer-7').query('SELECT name FROM customers WHERE id = $1', ['customer-7']);
    expect(rows).toEqual([{ name: 'name 7' }]);
  });

  it('refuses to open when a shard has no database', async () => {
    await expect(openShardedDatabase(createHashRouter(['a', 'b', 'c']), { a: { pgliteDataDir: 'memory://' } }, silentLogger)).rejects.toThrow(
      'no database given for shard(s) b, c',
    );
  });
});
