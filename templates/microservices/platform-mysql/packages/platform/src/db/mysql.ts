import mysql from 'mysql2/promise';
import type { Logger } from 'pino';

/** What a statement gave back, named as `pg` names it: a SELECT's rows, and how many rows it returned or changed. */
export interface MysqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Something that runs SQL on MySQL: the pool, or the connection of an open transaction. Placeholders are `?`. */
export interface MysqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<MysqlResult<Row>>;
}

/** A service's own MySQL (or MariaDB) database: the counterpart of the PostgreSQL `Database` in database.ts. */
export interface MysqlDatabase extends MysqlQueryable {
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws.
   * Everything that must be atomic has to use the `tx` it is given, not the database. DDL
   * (CREATE, ALTER, DROP) commits implicitly in MySQL, so it never belongs in here.
   */
  transaction<T>(work: (tx: MysqlQueryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a query; the readiness probe uses it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Bound every query, so a stuck database cannot hold requests (or the readiness probe) forever.
// mysql2 destroys the connection of a query that timed out; the pool opens a new one.
const QUERY_TIMEOUT_MS = 10_000;

const POOL_OPTIONS = {
  // Fail a request instead of hanging when no connection can be had, e.g. the database is down.
  connectTimeout: 5_000,
  // DATETIME columns hold UTC (the migrations default them to UTC_TIMESTAMP), read into and
  // written from JavaScript Dates as UTC, so times come out the same whatever the server's zone.
  timezone: 'Z',
  // Long-lived idle connections through NATs and load balancers are dropped silently otherwise.
  enableKeepAlive: true,
} satisfies mysql.PoolOptions;

/** Opens a pool on a mysql:// URL (`mysql://user:password@host:3306/database`); it connects on first use. */
export function openMysqlDatabase(url: string, logger: Logger): MysqlDatabase {
  const pool = mysql.createPool({ uri: url, ...POOL_OPTIONS });
  // A pooled connection that breaks while idle (server restarted) emits an error; mysql2 drops
  // it from the pool with a one-time listener, and a further error without a listener would
  // crash the process. The pool opens a new connection on next use.
  pool.on('connection', (connection) => {
    connection.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  });

  return {
    ...queryable(pool),
    async transaction(work) {
      const connection = await pool.getConnection();
      let reusable = true;
      try {
        await connection.beginTransaction();
        const result = await work(queryable(connection));
        await connection.commit();
        return result;
      } catch (error) {
        // The original error matters more; a failed ROLLBACK only means the connection is unusable.
        await connection.rollback().catch(() => {
          reusable = false;
        });
        throw error;
      } finally {
        if (reusable) connection.release();
        else connection.destroy();
      }
    },
    async ping() {
      await pool.query({ sql: 'SELECT 1', timeout: QUERY_TIMEOUT_MS });
    },
    async close() {
      await pool.end();
    },
  };
}

function queryable(target: mysql.Pool | mysql.PoolConnection): MysqlQueryable {
  return {
    async query<Row>(sql: string, values: unknown[] = []) {
      const [result] = await target.query({ sql, values, timeout: QUERY_TIMEOUT_MS });
      // A SELECT gives its rows; INSERT, UPDATE and DELETE a header with the rows they changed.
      if (Array.isArray(result)) return { rows: result as Row[], rowCount: result.length };
      return { rows: [], rowCount: (result as mysql.ResultSetHeader).affectedRows };
    },
  };
}
