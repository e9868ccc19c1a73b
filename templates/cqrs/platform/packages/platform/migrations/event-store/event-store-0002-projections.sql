-- The read side lives in its own schema: queries read only from here, never from the event
-- store's tables, and a service's projections create their tables here too.
CREATE SCHEMA IF NOT EXISTS read_model;

-- How far each projection has applied the event store. Updated in the transaction that applies
-- the events, so the read model and its checkpoint never disagree.
CREATE TABLE read_model.projection_checkpoints (
  projection text PRIMARY KEY,
  position bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
