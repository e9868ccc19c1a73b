import type { Queryable } from '../db/database.js';
import { loadSnapshot } from './snapshots.js';
import { readStream, type StoredEvent } from './store.js';

/**
 * How a kind of aggregate's state follows from its events. `Event` is the union of its events,
 * e.g. `StoredEvent<'Deposited', { amount: number }> | StoredEvent<'Withdrawn', { amount: number }>`,
 * so `evolve` can switch on `event.type` and get the payload's type. The store does not check
 * payloads: the union states what the aggregate's own appends put there.
 */
export interface Aggregate<State, Event extends StoredEvent> {
  /** The state of a stream that has no events. */
  readonly initial: State;
  /** The state after `event`. Pure: it is replayed whenever the aggregate is loaded. */
  evolve(state: State, event: Event): State;
}

export interface LoadedAggregate<State> {
  state: State;
  /** The version `state` is at: what an append of the next decision expects. 0 for no events. */
  version: number;
}

/** A point in a stream's history: after its version n, or as the store had it at a time. */
export type PointInTime = { version: number } | { asOf: Date };

/**
 * The state of `streamId`, now or `at` a point in its history (time travel). Starts from the latest snapshot at or below that point, if any,
 * and folds the events after it.
 */
export async function loadAggregate<State, Event extends StoredEvent>(
  db: Queryable,
  aggregate: Aggregate<State, Event>,
  streamId: string,
  at?: PointInTime,
): Promise<LoadedAggregate<State>> {
  const toVersion = at === undefined ? undefined : 'asOf' in at ? await versionAsOf(db, streamId, at.asOf) : at.version;
  const snapshot = await loadSnapshot<State>(db, streamId, toVersion);
  const events = await readStream(db, streamId, { afterVersion: snapshot?.version, toVersion });
  return foldEvents(aggregate, events, snapshot ?? { state: aggregate.initial, version: 0 });
}

/** Folds `events` onto `from`, in the order given. */
export function foldEvents<State, Event extends StoredEvent>(
  aggregate: Aggregate<State, Event>,
  events: readonly StoredEvent[],
  from: LoadedAggregate<State> = { state: aggregate.initial, version: 0 },
): LoadedAggregate<State> {
  let { state, version } = from;
  for (const event of events) {
    // The store gives back what the aggregate's appends put in (see Event above).
    state = aggregate.evolve(state, event as Event);
    version = event.version;
  }
  return { state, version };
}

async function versionAsOf(db: Queryable, streamId: string, asOf: Date): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `SELECT coalesce(max(version), 0)::int AS version FROM event_store_events
     WHERE stream_id = $1 AND recorded_at <= $2`,
    [streamId, asOf],
  );
  return rows[0]?.version ?? 0;
}
