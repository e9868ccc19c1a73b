-- The users service's own database: no other service connects to it. Other services
-- learn about its records from its events and its HTTP API.
-- Table names are quoted so that any service name is a valid identifier (e.g. "order", "user").
CREATE TABLE "users" (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are ordered by (created_at, id).
CREATE INDEX "users_created_at_idx" ON "users" (created_at, id);
