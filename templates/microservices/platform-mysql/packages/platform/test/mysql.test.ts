import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';

import { migrateMysql } from '../src/db/migrate-mysql.js';
import { openMysqlDatabase, type MysqlDatabase } from '../src/db/mysql.js';
import { openPrivateMysqlDatabase, silentLogger } from '../src/testing/backends.js';

// Skipped with the reason global-setup.ts printed when no MySQL or MariaDB answers.
const mysqlUrl = inject('mysqlUrl');

describe.skipIf(mysqlUrl === null)('MySQL database and migrations [mysql]', () => {
  let db: MysqlDatabase;
  let url: string;
  let migrations: URL;

  beforeEach(async () => {
    ({ db, url } = await openPrivateMysqlDatabase(mysqlUrl ?? ''));
    migrations = pathToFileURL(`${await mkdtemp(join(tmpdir(), 'migrations-'))}/`);
  });
  afterEach(async () => {
    await db.close();
    await rm(migrations, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) =>
    Promise.all(Object.entries(files).map(([name, sql]) => writeFile(new URL(name, migrations), sql)));

  const itemsTable = {
    '0001_items.sql': `CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL) ENGINE = InnoDB;
      INSERT INTO items (id, name) VALUES (1, 'first');`,
    '0002_price.sql': 'ALTER TABLE items ADD COLUMN price_cents INT NOT NULL DEFAULT 0;',
  };

  it('applies each migration once, in file name order', async () => {
    await write(itemsTable);
    expect(await migrateMysql(url, migrations)).toEqual(['0001_items.sql', '0002_price.sql']);
    expect(await migrateMysql(url, migrations)).toEqual([]);

    await write({ '0003_more.sql': "INSERT INTO items (id, name, price_cents) VALUES (2, 'second', 450);" });
    expect(await migrateMysql(url, migrations)).toEqual(['0003_more.sql']);
    const { rows } = await db.query('SELECT id, name, price_cents AS priceCents FROM items ORDER BY id');
    expect(rows).toEqual([
      { id: 1, name: 'first', priceCents: 0 },
      { id: 2, name: 'second', priceCents: 450 },
    ]);
  });

  it('applies the migrations once when several instances start at the same time', async () => {
    await write(itemsTable);
    const results = await Promise.all(Array.from({ length: 4 }, () => migrateMysql(url, migrations)));
    expect(results.flat().sort()).toEqual(['0001_items.sql', '0002_price.sql']);
    expect((await db.query('SELECT * FROM items')).rows).toHaveLength(1);
  });

  it('stops at a failing migration, names it, and runs it again on the next start', async () => {
    await write({ ...itemsTable, '0002_price.sql': 'ALTER TABLE no_such_table ADD COLUMN price_cents INT;', '0003_later.sql': 'CREATE TABLE later (id INT PRIMARY KEY);' });
    await expect(migrateMysql(url, migrations)).rejects.toThrow(/^migration 0002_price\.sql failed/);
    expect((await db.query('SELECT id FROM schema_migrations')).rows).toEqual([{ id: '0001_items.sql' }]);
    expect((await db.query("SHOW TABLES LIKE 'later'")).rows).toEqual([]);

    await write({ '0002_price.sql': itemsTable['0002_price.sql'] });
    expect(await migrateMysql(url, migrations)).toEqual(['0002_price.sql', '0003_later.sql']);
  });

  it('commits a transaction that resolves, and leaves nothing of one that throws', async () => {
    await write(itemsTable);
    await migrateMysql(url, migrations);

    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'kept']);
    });
    const failed = db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id, name) VALUES (?, ?)', [3, 'dropped']);
      await tx.query('UPDATE items SET name = ? WHERE id = ?', ['changed', 1]);
      throw new Error('the work failed');
    });
    await expect(failed).rejects.toThrow('the work failed');

    const { rows } = await db.query<{ id: number; name: string }>('SELECT id, name FROM items ORDER BY id');
    expect(rows).toEqual([
      { id: 1, name: 'first' },
      { id: 2, name: 'kept' },
    ]);
  });

  it('counts the rows a statement changed', async () => {
    await write(itemsTable);
    await migrateMysql(url, migrations);
    expect(await db.query('UPDATE items SET name = ? WHERE id > ?', ['renamed', 0])).toEqual({ rows: [], rowCount: 1 });
  });

  it('reads DATETIME as the UTC instant it holds', async () => {
    const { rows } = await db.query<{ now: Date }>('SELECT UTC_TIMESTAMP(3) AS now');
    expect(rows[0]?.now).toBeInstanceOf(Date);
    expect(Math.abs(rows[0]!.now.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('answers a ping while the server is up, and fails it when it is unreachable', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
    const unreachable = openMysqlDatabase('mysql://root@127.0.0.1:1/nothing', silentLogger);
    try {
      await expect(unreachable.ping()).rejects.toThrow();
    } finally {
      await unreachable.close();
    }
  });
});
