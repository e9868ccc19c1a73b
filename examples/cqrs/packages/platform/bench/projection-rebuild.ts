// How fast a projection is rebuilt from the event store: appends 100,000 events, rebuilds a
// read model of per-stream totals from them, and prints events/s, wall time and peak RSS. On the
// embedded PGlite always, and on the real PostgreSQL too when it is reachable (TEST_DATABASE_URL,
// or the local default); there in a database of its own, dropped afterwards.
//
//   npm run bench (at the root), or alone: node --import tsx packages/platform/bench/projection-rebuild.ts
import pg from 'pg';
import { Registry } from 'prom-client';

import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { appendToStream, eventStoreMigrations } from '../src/event-store/store.js';
import { createLogger } from '../src/logger.js';
import type { Projection } from '../src/projections/projection.js';
import { createProjectionRunner } from '../src/projections/runner.js';
import { newEvent } from '../src/messaging/envelope.js';
import { openPrivateDatabase } from '../src/testing/private-database.js';

const EVENTS = 100_000;
const STREAMS = 100;
const EVENTS_PER_APPEND = 5_000;
const BATCH_SIZE = 1_000;
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

const logger = createLogger('silent');

const totals: Projection = {
  name: 'totals',
  tables: ['read_model.totals'],
  async apply(tx, event) {
    await tx.query(
      `INSERT INTO read_model.totals (stream, amount, events) VALUES ($1, $2, 1)
       ON CONFLICT (stream) DO UPDATE SET amount = totals.amount + excluded.amount, events = totals.events + 1`,
      [event.streamId, (event.payload as { amount: number }).amount],
    );
  },
};

async function bench(label: string, db: Database): Promise<void> {
  await migrate(db, eventStoreMigrations);
  await db.query('CREATE TABLE read_model.totals (stream text PRIMARY KEY, amount bigint NOT NULL, events integer NOT NULL)');

  const appendStart = performance.now();
  const perStream = EVENTS / STREAMS;
  for (let stream = 0; stream < STREAMS; stream++) {
    const streamId = `stream-${stream}`;
    for (let version = 0; version < perStream; version += EVENTS_PER_APPEND) {
      const count = Math.min(EVENTS_PER_APPEND, perStream - version);
      const events = Array.from({ length: count }, (_, i) => newEvent('Deposited', streamId, { amount: version + i }));
      await db.transaction((tx) => appendToStream(tx, streamId, version, events));
    }
  }
  const appendSeconds = (performance.now() - appendStart) / 1000;

  const runner = createProjectionRunner(db, [totals], { logger, registry: new Registry(), batchSize: BATCH_SIZE });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const rebuildStart = performance.now();
  await runner.rebuild('totals');
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  clearInterval(sampler);

  const { rows } = await db.query<{ events: string }>('SELECT sum(events) AS events FROM read_model.totals');
  if (Number(rows[0]?.events) !== EVENTS) throw new Error(`${label}: the rebuilt read model counts ${rows[0]?.events} events, not ${EVENTS}`);
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  console.log(
    `${label.padEnd(10)} append ${EVENTS} events: ${appendSeconds.toFixed(2)} s (${Math.round(EVENTS / appendSeconds)} events/s)` +
      ` | rebuild: ${rebuildSeconds.toFixed(2)} s, ${Math.round(EVENTS / rebuildSeconds)} events/s` +
      ` | RSS ${mb(rssBefore)} before, ${mb(peakRss)} peak during the rebuild`,
  );
}

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const embedded = await openDatabase({ pgliteDataDir: 'memory://' }, logger);
try {
  await bench('embedded', embedded);
} finally {
  await embedded.close();
}

const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
const problem = await reachable(serverUrl);
if (problem === undefined) {
  const server = await openPrivateDatabase(serverUrl, logger);
  try {
    await bench('postgres', server);
  } finally {
    await server.close();
  }
} else {
  console.warn(`PostgreSQL is unreachable (${problem}): benchmarked the embedded database only; set TEST_DATABASE_URL to add it.`);
}
console.log(`peak RSS of the whole run (resourceUsage maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
