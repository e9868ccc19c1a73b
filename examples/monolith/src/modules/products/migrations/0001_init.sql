-- Owned by the products module; other modules reach this data only through its
-- public interface (src/modules/products/index.ts), never by SQL. That is also why no
-- foreign key points into another module's tables: the module can later move out on its own.
-- Table names are quoted so that any module name is a valid identifier (e.g. "order", "user").
CREATE TABLE "products" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "products_created_at_idx" ON "products" (created_at, id);
