-- The event store: every change of every aggregate, append-only. Rows are never updated or
-- deleted; the current state of anything is a fold over its stream.
CREATE TABLE event_store_events (
  -- The global order, which projections read in. Appends are serialised (see store.ts), so
  -- positions become visible in increasing order; a rolled-back append leaves a gap.
  position bigserial PRIMARY KEY,
  stream_id text NOT NULL,
  -- 1, 2, 3… within the stream.
  version integer NOT NULL CHECK (version > 0),
  id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  headers jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- When the store took the event; what "as of" reads by. Milliseconds, like a JavaScript Date,
  -- so a time read back from an event selects that very event.
  recorded_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- The last line of defence against two writers both appending version n: whatever got past
  -- the version check, the database refuses the second.
  CONSTRAINT event_store_events_stream_version_key UNIQUE (stream_id, version)
);

-- The state of a stream folded up to a version, so loading a long stream replays only the
-- events after it. A cache: deleting snapshots is always safe.
CREATE TABLE event_store_snapshots (
  stream_id text NOT NULL,
  version integer NOT NULL,
  state jsonb NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_id, version)
);
