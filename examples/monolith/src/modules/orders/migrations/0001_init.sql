-- Owned by the orders module; other modules reach this data only through its
-- public interface (src/modules/orders/index.ts), never by SQL. That is also why no
-- foreign key points into another module's tables: the module can later move out on its own.
-- Table names are quoted so that any module name is a valid identifier (e.g. "order", "user").
CREATE TABLE "orders" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL, -- a product of the products module, checked when the order is placed
  quantity integer NOT NULL CHECK (quantity > 0),
  total_cents integer NOT NULL CHECK (total_cents > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "orders_created_at_idx" ON "orders" (created_at, id);
