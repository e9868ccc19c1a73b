-- The payments service's own database: no other service connects to it. Other
-- services reach this data only through its HTTP API, which is why ids of their records (below)
-- are plain columns, never foreign keys.
-- Table names are quoted so that any service name is a valid identifier (e.g. "order", "user").
CREATE TABLE "payments" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL, -- an order of the orders service
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "payments_order_id_idx" ON "payments" (order_id);
-- Lists are ordered by (created_at, id).
CREATE INDEX "payments_created_at_idx" ON "payments" (created_at, id);
