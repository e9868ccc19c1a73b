import type { Queryable } from '../db/database.js';

export interface Snapshot<State> {
  version: number;
  state: State;
}

/**
 * Keeps `state`, the stream folded up to `version`, so that loading the stream later replays only
 * the events after it. The state is stored as JSON: it must survive JSON.stringify (no Dates, Maps
 * or class instances). Snapshots are a cache of the events: when the fold changes meaning (a new
 * `evolve`), delete the stream's snapshots and they are rebuilt from the events.
 */
export async function saveSnapshot<State>(tx: Queryable, streamId: string, version: number, state: State): Promise<void> {
  await tx.query(
    `INSERT INTO event_store_snapshots (stream_id, version, state) VALUES ($1, $2, $3)
     ON CONFLICT (stream_id, version) DO UPDATE SET state = excluded.state, taken_at = now()`,
    [streamId, version, JSON.stringify(state)],
  );
}

/** The stream's latest snapshot, at or below `maxVersion` when given; undefined when there is none. */
export async function loadSnapshot<State>(
  db: Queryable,
  streamId: string,
  maxVersion?: number,
): Promise<Snapshot<State> | undefined> {
  const { rows } = await db.query<{ version: number; state: State }>(
    `SELECT version, state FROM event_store_snapshots
     WHERE stream_id = $1 AND ($2::int IS NULL OR version <= $2)
     ORDER BY version DESC LIMIT 1`,
    [streamId, maxVersion ?? null],
  );
  return rows[0];
}
