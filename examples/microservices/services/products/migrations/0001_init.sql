-- The products service's own database: no other service connects to it. Other
-- services reach this data only through its HTTP API, which is why ids of their records (below)
-- are plain columns, never foreign keys.
-- Table names are quoted so that any service name is a valid identifier (e.g. "order", "user").
CREATE TABLE "products" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "products_created_at_idx" ON "products" (created_at, id);
