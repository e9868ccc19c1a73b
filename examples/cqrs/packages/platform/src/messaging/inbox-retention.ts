import type { Logger } from 'pino';

import type { Database, Queryable } from '../db/database.js';

/**
 * How long the inbox remembers a handled event. It only has to outlast the duplicates that can
 * still come: a broker's redelivery, or the relay publishing a batch again after a crash, which
 * arrive within minutes. A week leaves room for a consumer that was down for days.
 */
export const INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

// Small batches: a delete of millions of rows in one statement would hold its locks, and bloat
// the write-ahead log, for as long as it runs.
const PRUNE_BATCH = 10_000;

/** Forgets the group's events handled before `before`; returns how many. */
export async function pruneInbox(db: Queryable, group: string, before: Date): Promise<number> {
  let pruned = 0;
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM messaging_inbox WHERE (consumer_group, event_id) IN (
         SELECT consumer_group, event_id FROM messaging_inbox
         WHERE consumer_group = $1 AND handled_at < $2 LIMIT $3)`,
      [group, before, PRUNE_BATCH],
    );
    pruned += rowCount ?? 0;
    if ((rowCount ?? 0) < PRUNE_BATCH) return pruned;
  }
}

/** Prunes the group's inbox now and every hour, until closed; a failed round is logged and tried again. */
export function startInboxPruning(db: Database, group: string, logger: Logger): { close(): Promise<void> } {
  let round: Promise<void> = Promise.resolve();
  const prune = (): void => {
    round = pruneInbox(db, group, new Date(Date.now() - INBOX_RETENTION_MS)).then(
      (pruned) => {
        if (pruned > 0) logger.info({ group, pruned }, 'inbox pruned');
      },
      (error: unknown) => logger.warn({ err: error, group }, 'inbox pruning failed; it runs again within the hour'),
    );
  };
  prune();
  const timer = setInterval(prune, PRUNE_INTERVAL_MS);
  timer.unref(); // it must not keep the process alive on its own
  return {
    async close() {
      clearInterval(timer);
      await round;
    },
  };
}
