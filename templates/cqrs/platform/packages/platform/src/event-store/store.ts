import pg from 'pg';

import type { Queryable } from '../db/database.js';
import { envelopeFromRow, type EnvelopeRow, type EventEnvelope } from '../messaging/envelope.js';
import { ConcurrencyError } from './errors.js';

/** The event store's tables, and the projections' checkpoints: `migrate(db, eventStoreMigrations)`. */
export const eventStoreMigrations = new URL('../../migrations/event-store/', import.meta.url);

/** An event as the store keeps it: the envelope, and where it sits in its stream and in the store. */
export type StoredEvent<Type extends string = string, Payload = unknown> = EventEnvelope<Payload> & {
  type: Type;
  streamId: string;
  /** 1, 2, 3… within the stream. */
  version: number;
  /** The order across all streams, which projections follow. Not dense: there are gaps. */
  position: number;
  /** ISO 8601, milliseconds: when the store took the event. "As of" reads go by it. */
  recordedAt: string;
};

export interface AppendResult {
  /** The stream's version now: what the next append expects. */
  version: number;
  /** The position of the last event appended. */
  position: number;
}

// Any fixed number works; it only has to be the same for every instance of a service.
const APPEND_LOCK_ID = 7_331_101;

/**
 * Appends `events` to the stream if it is still at `expectedVersion` (0: the stream must not
 * exist yet); otherwise throws ConcurrencyError and appends nothing. Runs in the caller's
 * transaction, so the events and whatever else the command writes (its outbox rows) commit or
 * roll back together.
 *
 * Appends are serialised by a transaction-scoped advisory lock, held until the caller's
 * transaction ends. Why: a bigserial position is taken at insert, not at commit, so without it a
 * transaction holding position 5 could commit after another one holding 6, and a projection that
 * had read up to 6 would never see 5. Under the lock, positions become visible in order (a
 * rolled-back append only leaves a gap), so reading "after my checkpoint" never skips an event.
 * The lock also makes the version check below exact: the check runs after the previous append
 * committed. The cost is that appending transactions take turns, so keep them short: append last,
 * just before commit. (The alternative, reading only below the oldest running transaction's id,
 * lets everyone append at once but orders events by transaction id, which can put a stream's
 * version 2 before its version 1.)
 */
export async function appendToStream(
  tx: Queryable,
  streamId: string,
  expectedVersion: number,
  events: readonly EventEnvelope[],
): Promise<AppendResult> {
  if (events.length === 0) throw new Error(`no events to append to stream ${streamId}`);
  await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_ID]);
  const actualVersion = await streamVersion(tx, streamId);
  if (actualVersion !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, actualVersion);

  try {
    // One statement however many events: the columns go as arrays and are unnested into rows.
    const { rows } = await tx.query<{ position: string }>(
      `INSERT INTO event_store_events (stream_id, version, id, type, key, payload, headers, occurred_at)
       SELECT $1, $2::int + e.n::int, e.id, e.type, e.key, e.payload, e.headers, e.occurred_at
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[])
         WITH ORDINALITY AS e(id, type, key, payload, headers, occurred_at, n)
       ORDER BY e.n
       RETURNING position`,
      [
        streamId,
        expectedVersion,
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => event.key),
        events.map((event) => JSON.stringify(event.payload)),
        events.map((event) => JSON.stringify(event.headers)),
        events.map((event) => event.occurredAt),
      ],
    );
    const position = Math.max(...rows.map((row) => Number(row.position)));
    return { version: expectedVersion + events.length, position };
  } catch (error) {
    // Reached only when the version check was blind to the other append, e.g. in a REPEATABLE
    // READ transaction whose snapshot predates it. The transaction is aborted now, so the
    // actual version cannot be asked.
    if (error instanceof pg.DatabaseError && error.constraint === 'event_store_events_stream_version_key') {
      throw new ConcurrencyError(streamId, expectedVersion, undefined);
    }
    throw error;
  }
}

/** The stream's current version: the number of its events, 0 when it has none. */
export async function streamVersion(db: Queryable, streamId: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    'SELECT coalesce(max(version), 0)::int AS version FROM event_store_events WHERE stream_id = $1',
    [streamId],
  );
  return rows[0]?.version ?? 0;
}

export interface StreamRange {
  /** Only events after this version (a snapshot's). */
  afterVersion?: number;
  /** Only events up to this version. */
  toVersion?: number;
  /** Only events the store had taken at this time: the stream as it was then. */
  asOf?: Date;
}

/** A stream's events in version order, all of them or the `range` asked for. */
export async function readStream(db: Queryable, streamId: string, range: StreamRange = {}): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM event_store_events
     WHERE stream_id = $1
       AND ($2::int IS NULL OR version > $2)
       AND ($3::int IS NULL OR version <= $3)
       AND ($4::timestamptz IS NULL OR recorded_at <= $4)
     ORDER BY version`,
    [streamId, range.afterVersion ?? null, range.toVersion ?? null, range.asOf ?? null],
  );
  return rows.map(toStoredEvent);
}

/** Up to `limit` events of every stream after `afterPosition`, in position order: what projections read. */
export async function readAll(db: Queryable, afterPosition: number, limit: number): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM event_store_events WHERE position > $1 ORDER BY position LIMIT $2`,
    [afterPosition, limit],
  );
  return rows.map(toStoredEvent);
}

const COLUMNS = 'position, stream_id, version, id, type, key, payload, headers, occurred_at, recorded_at';

interface EventRow extends EnvelopeRow {
  position: string; // bigint: pg leaves it a string
  stream_id: string;
  version: number;
  recorded_at: Date;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    ...envelopeFromRow(row),
    streamId: row.stream_id,
    version: row.version,
    // Exact below 2^53 events, which no store reaches.
    position: Number(row.position),
    recordedAt: row.recorded_at.toISOString(),
  };
}
