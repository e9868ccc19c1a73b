-- The orders service's own database: no other service connects to it. Ids of other services'
-- records are plain columns, never foreign keys: those records live in other databases.
CREATE TABLE "orders" (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL, -- a product of the products service, reserved by the saga
  quantity integer NOT NULL CHECK (quantity > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  total_cents integer CHECK (total_cents > 0),
  payment_id uuid, -- its charge in the payments service
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "orders_created_at_idx" ON "orders" (created_at, id);
