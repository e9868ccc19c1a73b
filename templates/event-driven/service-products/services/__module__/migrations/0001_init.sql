-- The products service's own database: no other service connects to it.
CREATE TABLE "products" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0),
  stock integer NOT NULL CHECK (stock >= 0), -- the CHECK is the last word on overselling
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "products_created_at_idx" ON "products" (created_at, id);

-- Stock taken out for an order (a saga step), until the order is confirmed or the step is
-- compensated. One row per order: an order can reserve only once, and release only what it took.
CREATE TABLE "reservations" (
  order_id uuid PRIMARY KEY, -- an order of the orders service
  product_id uuid NOT NULL REFERENCES "products" (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  released_at timestamptz, -- set by the compensation, which gives the stock back
  created_at timestamptz NOT NULL DEFAULT now()
);
