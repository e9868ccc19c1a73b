import pg from 'pg';
import type { Logger } from 'pino';

import { startEmbeddedPostgres } from './embedded.js';

/** Something that runs SQL: the pool, or the connection of an open transaction. */
export interface Queryable {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
}

export interface Database extends Queryable {
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws.
   * Everything that must be atomic has to use the `tx` it is given, not the database. (On the
   * embedded database, whose pool has a single connection, a query outside `tx` would even
   * deadlock, until the pool's connection timeout.)
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a query; the readiness probe uses it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  /** A PostgreSQL server. */
  | { url: string }
  /** No server: start an embedded PostgreSQL that keeps its data there ("memory://" for nowhere). */
  | { pgliteDataDir: string };

/**
 * Opens the database. Both kinds are reached through the same `pg` pool, so the code under test
 * on the embedded default is the code that runs against a real PostgreSQL.
 */
export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<Database> {
  if ('url' in options) {
    return poolDatabase(new pg.Pool({ connectionString: options.url, ...POOL_TIMEOUTS }), logger, noop);
  }
  const embedded = await startEmbeddedPostgres(options.pgliteDataDir);
  logger.info({ dataDir: options.pgliteDataDir }, 'embedded PostgreSQL (PGlite) started; set DATABASE_URL to use a server');
  // PGlite is a single PostgreSQL session: its socket server runs every connection's queries on
  // that one session, so two pooled connections could interleave inside each other's
  // transactions. One connection keeps each transaction isolated (requests queue for it).
  const pool = new pg.Pool({ connectionString: embedded.url, max: 1, ...POOL_TIMEOUTS });
  return poolDatabase(pool, logger, embedded.stop);
}

const POOL_TIMEOUTS = {
  // Fail a request instead of hanging when no connection can be had, e.g. the database is down.
  connectionTimeoutMillis: 5_000,
  // Bound every query, so a stuck database cannot hold requests (or the readiness probe) forever.
  query_timeout: 10_000,
} satisfies pg.PoolConfig;

const noop = async (): Promise<void> => {};

function poolDatabase(pool: pg.Pool, logger: Logger, stopServer: () => Promise<void>): Database {
  // An idle pooled connection that breaks (database restarted) emits an error; without a
  // listener it would crash the process. The pool replaces the connection on next use.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));

  return {
    query: (text, values) => pool.query(text, values),
    async transaction(work) {
      const client = await pool.connect();
      let reusable = true;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // The original error matters more; a failed ROLLBACK only means the connection is unusable.
        await client.query('ROLLBACK').catch(() => {
          reusable = false;
        });
        throw error;
      } finally {
        client.release(!reusable); // `true` destroys the connection instead of pooling it
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
      await stopServer();
    },
  };
}

/** The database a service's settings name: DATABASE_URL, or else the embedded one. */
export function databaseOptions(settings: { DATABASE_URL?: string | undefined; PGLITE_DATA_DIR: string }): DatabaseOptions {
  return settings.DATABASE_URL === undefined ? { pgliteDataDir: settings.PGLITE_DATA_DIR } : { url: settings.DATABASE_URL };
}
