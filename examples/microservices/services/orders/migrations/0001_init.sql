-- The orders service's own database: no other service connects to it. Other
-- services reach this data only through its HTTP API, which is why ids of their records (below)
-- are plain columns, never foreign keys.
-- Table names are quoted so that any service name is a valid identifier (e.g. "order", "user").
CREATE TABLE "orders" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL, -- a product of the products service, checked when the order is placed
  quantity integer NOT NULL CHECK (quantity > 0),
  total_cents integer NOT NULL CHECK (total_cents > 0),
  payment_id uuid NOT NULL, -- its charge in the payments service
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "orders_created_at_idx" ON "orders" (created_at, id);
