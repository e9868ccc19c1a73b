-- The payments service's own database: no other service connects to it.
CREATE TABLE "payments" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL UNIQUE, -- an order of the orders service, charged at most once
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "payments_created_at_idx" ON "payments" (created_at, id);
