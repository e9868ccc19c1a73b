-- Owned by the payments module; other modules reach this data only through its
-- public interface (src/modules/payments/index.ts), never by SQL. That is also why no
-- foreign key points into another module's tables: the module can later move out on its own.
-- Table names are quoted so that any module name is a valid identifier (e.g. "order", "user").
CREATE TABLE "payments" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL, -- an order of the orders module
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "payments_order_id_idx" ON "payments" (order_id);
-- Lists are ordered by (created_at, id).
CREATE INDEX "payments_created_at_idx" ON "payments" (created_at, id);
