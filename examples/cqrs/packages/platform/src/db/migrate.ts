import { readdir, readFile } from 'node:fs/promises';

import type { Database } from './database.js';

// Any fixed number works; it only has to be the same for every instance of a service.
const MIGRATION_LOCK_ID = 7_331_001;

/**
 * Applies the `*.sql` files of `dir` not yet recorded in `schema_migrations`, in file name order,
 * all in one transaction: a failing migration leaves the schema as it was. Each service has its
 * own database, so its migrations are its own. Returns the file names it applied.
 */
export async function migrate(db: Database, dir: URL): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  return db.transaction(async (tx) => {
    // Two instances starting at once must not both apply the same migration.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.id));

    const pending = files.filter((file) => !applied.has(file));
    for (const file of pending) {
      await tx.query(await readFile(new URL(file, dir), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [file]);
    }
    return pending;
  });
}
