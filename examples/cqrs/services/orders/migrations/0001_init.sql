-- The orders service's own database: no other service connects to it. Its write side is the
-- event store (event_store_events, from the platform's migrations); this is its read side.

-- The orders as queries see them (the Q of CQRS), kept up to date from the event store by the
-- orders-view projection (src/read-model.ts), a moment behind it. It can be dropped and rebuilt
-- from the events at any time: the events are the truth, this is a view of them.
CREATE TABLE read_model.orders (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL,
  quantity integer NOT NULL,
  status text NOT NULL,
  total_cents integer,
  payment_id uuid,
  reason text,
  -- The stream's version this row reflects.
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- Lists are ordered by (created_at, id).
CREATE INDEX orders_created_at_idx ON read_model.orders (created_at, id);
