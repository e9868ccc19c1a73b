/**
 * The messaging tables (outbox, inbox, dead letters). A service that publishes or consumes
 * events applies them beside its own: `migrate(db, MESSAGING_MIGRATIONS)`. The file names start
 * with `messaging-` so they never clash with the service's own in `schema_migrations`.
 */
export const MESSAGING_MIGRATIONS = new URL('../../migrations/messaging/', import.meta.url);
