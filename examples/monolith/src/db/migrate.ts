import { readdir, readFile } from 'node:fs/promises';

import type { Database } from './database.js';

/** Each module owns its tables and keeps their migrations in src/modules/<module>/migrations/. */
const MODULES_DIR = new URL('../modules/', import.meta.url);

// Any fixed number works; it only has to be the same for every instance of this app.
const MIGRATION_LOCK_ID = 7_331_001;

interface Migration {
  /** "<module>/<file>", e.g. "users/0001_create_users.sql"; recorded once applied. */
  id: string;
  sql: string;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order (by module, then by
 * file name), all in one transaction: a failing migration leaves the schema as it was.
 * Modules do not reference each other's tables, so the order between modules does not matter.
 * Returns the ids it applied.
 */
export async function migrate(db: Database): Promise<string[]> {
  const migrations = await findMigrations();
  return db.transaction(async (tx) => {
    // Two instances starting at once must not both apply the same migration.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.id));

    const pending = migrations.filter((migration) => !applied.has(migration.id));
    for (const migration of pending) {
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
    }
    return pending.map((migration) => migration.id);
  });
}

async function findMigrations(): Promise<Migration[]> {
  const migrations: Migration[] = [];
  const modules = (await readdir(MODULES_DIR, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  for (const module of modules.map((entry) => entry.name).sort()) {
    const dir = new URL(`${module}/migrations/`, MODULES_DIR);
    const files = (await readdir(dir).catch(noFolder)).filter((file) => file.endsWith('.sql')).sort();
    for (const file of files) {
      migrations.push({ id: `${module}/${file}`, sql: await readFile(new URL(file, dir), 'utf8') });
    }
  }
  return migrations;
}

/** A module without a migrations folder has no tables; any other read error is real. */
function noFolder(error: unknown): string[] {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
  throw error;
}
