-- Owned by the users module; other modules reach this data only through its
-- public interface (src/modules/users/index.ts), never by SQL. That is also why no
-- foreign key points into another module's tables: the module can later move out on its own.
-- Table names are quoted so that any module name is a valid identifier (e.g. "order", "user").
CREATE TABLE "users" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "users_created_at_idx" ON "users" (created_at, id);
