-- Events that a transaction committed and the relay has not yet published (outbox.ts). A service
-- appends them in the same transaction as the state change they announce, so an event exists if
-- and only if its change does. The relay deletes each row once the bus has it: the table holds
-- the backlog only, which keeps the relay's scan and the pending-rows gauge cheap.
CREATE TABLE messaging_outbox (
  -- Publication order. The primary key index serves the relay's "oldest first" batch and its delete.
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL,
  type text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  headers jsonb NOT NULL
);

-- The events each consumer group has handled (consumer.ts): a delivery inserts its row in the
-- transaction that applies it, so a second delivery of the same event finds the row and is
-- acknowledged without effect. The primary key is the lookup, and makes a concurrent duplicate
-- wait for the first delivery's transaction to end.
CREATE TABLE messaging_inbox (
  consumer_group text NOT NULL,
  event_id text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);

-- Events a consumer group gave up on after its last attempt, with the last error, kept until an
-- operator replays them (dead-letters.ts). The primary key finds the one to replay; the table
-- stays small (it is a to-do list, not a log), so listing it needs no other index.
CREATE TABLE messaging_dead_letters (
  consumer_group text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  headers jsonb NOT NULL,
  error text NOT NULL,
  attempts integer NOT NULL,
  dead_lettered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
