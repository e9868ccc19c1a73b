import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';

import type { Database, Queryable } from '../db/database.js';
import { backoffMs, type Backoff } from './backoff.js';
import type { EventBus } from './bus.js';
import { envelopeFromRow, type EnvelopeRow, type EventEnvelope } from './envelope.js';

/**
 * Records events to publish, in the transaction `tx` that makes the change they announce: they
 * are published if and only if it commits. Append them after the change's own writes: the row
 * locks those take make a concurrent change to the same thing wait for this commit, and so put
 * its events after these (the relay publishes in append order). Call the relay's `notify()` once
 * the transaction has committed.
 */
export async function appendToOutbox(tx: Queryable, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  // One statement for the whole batch; ORDER BY keeps the events' order in `position`.
  await tx.query(
    `INSERT INTO messaging_outbox (id, type, key, payload, occurred_at, headers)
     SELECT id, type, key, payload, occurred_at, headers
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::jsonb[])
       WITH ORDINALITY AS event (id, type, key, payload, occurred_at, headers, n)
     ORDER BY n`,
    [
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => event.key),
      events.map((event) => JSON.stringify(event.payload)),
      events.map((event) => event.occurredAt),
      events.map((event) => JSON.stringify(event.headers)),
    ],
  );
}

export interface OutboxRelaySettings {
  /** The most events one round publishes (one `publish` call, one transaction). */
  batchSize: number;
  /** How often the relay looks for events when nobody notifies it: the latency of a missed `notify()`. */
  pollIntervalMs: number;
  /** The wait between attempts while the bus rejects events (or the database fails). */
  retry: Backoff;
}

export const DEFAULT_OUTBOX_RELAY_SETTINGS: OutboxRelaySettings = {
  // A round costs a few round trips and one confirm wait whatever its size, and takes only what
  // is pending: large batches cost a quiet relay nothing, and under load a round of 100 capped
  // it near 5,000 events/s on 2 cores (bench/outbox.ts); 500 went past 7,500.
  batchSize: 500,
  pollIntervalMs: 1_000,
  retry: { initialMs: 100, maxMs: 30_000 },
};

export interface OutboxRelay {
  /** Publish now rather than at the next poll: call it after committing events. */
  notify(): void;
  /** Stops the relay; resolves once the round in progress has finished. */
  close(): Promise<void>;
}

// With the outbox table's oid as the second key, this names "the relay of this outbox": each
// database (and each schema, as in the tests) has its own lock. Two-key advisory locks never
// collide with the one-key lock of migrate.ts.
const RELAY_LOCK_NAMESPACE = 7_331_002;

interface OutboxRow extends EnvelopeRow {
  position: string;
}

/**
 * Publishes the outbox's events to the bus, oldest first, in batches, and deletes each batch once
 * the bus has stored it (deleted rather than marked: a published row has no reader left, and the
 * table stays as small as the backlog).
 *
 * While the bus rejects (the broker is down), the events stay and the relay retries with capped
 * exponential backoff, logging once when publishing stops and once when it resumes. Nothing is
 * dropped or reordered: a batch is deleted only after `publish` resolved, and the next batch is
 * read only after that.
 *
 * Several instances of a service may each run a relay: a transaction-scoped advisory lock lets one
 * publish at a time, so events keep their order, which competing batches (`FOR UPDATE SKIP LOCKED`)
 * would not, and an instance that dies mid-batch releases it with its connection. The others poll,
 * ready to take over. Delivery is at least once: a crash after `publish` and before the delete
 * publishes that batch again, which the consumers' inbox absorbs.
 *
 * The batch's transaction stays open while the bus stores it, so the bus must bound how long
 * `publish` takes. On the embedded database, whose pool has one connection, other queries wait
 * for that publish.
 *
 * Its metrics go to `deps.registry`: the published counter, and a gauge of pending rows counted
 * when scraped (one relay per registry, as there is one per service).
 */
export function startOutboxRelay(
  db: Database,
  bus: EventBus,
  deps: { logger: Logger; registry: Registry },
  settings: OutboxRelaySettings = DEFAULT_OUTBOX_RELAY_SETTINGS,
): OutboxRelay {
  const published = publishedCounter(deps.registry);
  registerPendingGauge(db, deps);

  let closed = false;
  /** Set by notify(): the next wait ends at once, even if the notification came mid-round. */
  let notified = false;
  let endWait: (() => void) | undefined;
  let outage: { since: number; failures: number } | undefined;

  /** Publishes the oldest pending events; returns their types, or 'locked' if another relay is at it. */
  async function publishBatch(): Promise<string[] | 'locked'> {
    return db.transaction(async (tx) => {
      const { rows: locks } = await tx.query<{ acquired: boolean }>(
        `SELECT pg_try_advisory_xact_lock($1, 'messaging_outbox'::regclass::oid::int) AS acquired`,
        [RELAY_LOCK_NAMESPACE],
      );
      if (locks[0]?.acquired !== true) return 'locked';

      const { rows } = await tx.query<OutboxRow>(
        'SELECT position, id, type, key, payload, occurred_at, headers FROM messaging_outbox ORDER BY position LIMIT $1',
        [settings.batchSize],
      );
      if (rows.length === 0) return [];
      await bus.publish(rows.map(envelopeFromRow));
      // By position, never "up to the last one": a transaction still open may yet commit a row
      // with a lower position, which has not been published.
      await tx.query('DELETE FROM messaging_outbox WHERE position = ANY($1::bigint[])', [rows.map((row) => row.position)]);
      return rows.map((row) => row.type);
    });
  }

  /** One round; returns how long to wait before the next. */
  async function round(): Promise<number> {
    notified = false; // this round sees every commit notified so far
    try {
      const result = await publishBatch();
      if (result !== 'locked') for (const type of result) published.inc({ type });
      if (outage !== undefined) {
        deps.logger.info(
          { downForMs: Date.now() - outage.since, failedAttempts: outage.failures },
          'outbox relay: publishing again',
        );
        outage = undefined;
      }
      // A full batch: more may be waiting, so go on at once.
      return result !== 'locked' && result.length === settings.batchSize ? 0 : settings.pollIntervalMs;
    } catch (error) {
      if (outage === undefined) {
        deps.logger.warn({ err: error }, 'outbox relay: publishing failed; events stay in the outbox and are retried with backoff');
        outage = { since: Date.now(), failures: 0 };
      }
      outage.failures++;
      return backoffMs(outage.failures, settings.retry);
    }
  }

  function wait(ms: number): Promise<void> {
    if (ms === 0 || (notified && outage === undefined)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      endWait = done;
      function done(): void {
        clearTimeout(timer);
        endWait = undefined;
        resolve();
      }
    });
  }

  const running = (async () => {
    while (!closed) {
      const delay = await round();
      if (!closed) await wait(delay);
    }
  })();

  return {
    notify() {
      notified = true;
      // During an outage only the backoff ends the wait: a notify() per committed request would
      // otherwise retry the broker at the request rate.
      if (outage === undefined) endWait?.();
    },
    async close() {
      closed = true;
      endWait?.();
      await running;
    },
  };
}

/** One counter per registry, shared by the relays of the process. */
function publishedCounter(registry: Registry): Counter<'type'> {
  const name = 'messaging_outbox_published_total';
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<'type'>;
  return new Counter({
    name,
    help: 'Events the outbox relay has published, by event type.',
    labelNames: ['type'] as const,
    registers: [registry],
  });
}

/** Counted when scraped, so it is exact however many instances share the outbox. */
function registerPendingGauge(db: Database, deps: { logger: Logger; registry: Registry }): void {
  new Gauge({
    name: 'messaging_outbox_pending',
    help: 'Events committed to the outbox and not yet published.',
    registers: [deps.registry],
    async collect() {
      try {
        const { rows } = await db.query<{ pending: number }>('SELECT count(*)::int AS pending FROM messaging_outbox');
        this.set(rows[0]?.pending ?? 0);
      } catch (error) {
        // The scrape must still answer while the database is down; the gauge keeps its last value.
        deps.logger.warn({ err: error }, 'outbox relay: could not count pending events');
      }
    },
  });
}
