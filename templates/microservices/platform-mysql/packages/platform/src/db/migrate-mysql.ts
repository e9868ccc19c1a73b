import { readdir, readFile } from 'node:fs/promises';

import mysql from 'mysql2/promise';

// How long an instance waits while another one migrates the same database.
const LOCK_TIMEOUT_SECONDS = 60;

/**
 * Applies the `*.sql` files of `dir` not yet recorded in `schema_migrations`, in file name order,
 * on the MySQL database at `url`. Each service has its own database, so its migrations are its
 * own. Returns the file names it applied.
 *
 * Unlike PostgreSQL, MySQL cannot roll a migration back: every CREATE, ALTER or DROP commits
 * implicitly. A file is recorded once all its statements have run, so when one fails, the
 * statements before it in that file stay applied, the file is not recorded, and the later files
 * do not run. Fix the file so that it completes from there (or undo its first statements by
 * hand) before the next start; one change per file keeps that simple.
 */
export async function migrateMysql(url: string, dir: URL): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  // A session of its own: a migration file holds several statements, which the service's pool
  // never accepts in one query, and the lock below belongs to the session that took it.
  const connection = await mysql.createConnection({ uri: url, multipleStatements: true, connectTimeout: 5_000 });
  try {
    // Instances starting at once (replicas) take turns; the later ones find the work done. Lock
    // names are global to the server, which may hold other services' databases: this one names
    // its database.
    const [lock] = await connection.query<({ locked: number | null } & mysql.RowDataPacket)[]>(
      "SELECT GET_LOCK(CONCAT('schema_migrations:', DATABASE()), ?) AS locked",
      [LOCK_TIMEOUT_SECONDS],
    );
    if (lock[0]?.locked !== 1) throw new Error(`migrations: another instance held the migration lock for over ${LOCK_TIMEOUT_SECONDS} s`);
    try {
      return await applyPending(connection, dir, files);
    } finally {
      // A session that broke has released its locks already; its error is the one to report.
      await connection.query("SELECT RELEASE_LOCK(CONCAT('schema_migrations:', DATABASE()))").catch(() => undefined);
    }
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

async function applyPending(connection: mysql.Connection, dir: URL, files: string[]): Promise<string[]> {
  await connection.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id VARCHAR(255) PRIMARY KEY,
    applied_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3))
  ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`);
  const [rows] = await connection.query<({ id: string } & mysql.RowDataPacket)[]>('SELECT id FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.id));

  const pending = files.filter((file) => !applied.has(file));
  for (const file of pending) {
    try {
      await connection.query(await readFile(new URL(file, dir), 'utf8'));
    } catch (error) {
      throw new Error(`migration ${file} failed, and the statements before the failing one stay applied: ${(error as Error).message}`, { cause: error });
    }
    await connection.query('INSERT INTO schema_migrations (id) VALUES (?)', [file]);
  }
  return pending;
}
