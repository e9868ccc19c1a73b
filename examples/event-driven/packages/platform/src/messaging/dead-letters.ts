import type { Database, Queryable } from '../db/database.js';
import { NotFoundError } from '../errors.js';
import { errorText, handleOnce, type EventHandler } from './consumer.js';
import { envelopeFromRow, type EventEnvelope } from './envelope.js';

/** An event a consumer group gave up on, and why. */
export interface DeadLetter {
  group: string;
  event: EventEnvelope;
  /** The last failure's error, with its stack when it had one. */
  error: string;
  /** Deliveries and replays tried so far. */
  attempts: number;
  /** ISO 8601: when its last delivery failed. */
  deadLetteredAt: string;
}

interface DeadLetterRow {
  consumer_group: string;
  event_id: string;
  type: string;
  key: string;
  payload: unknown;
  occurred_at: Date;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  dead_lettered_at: Date;
}

/** The dead letters, oldest first, of one consumer group or of all; for an admin endpoint or a script. */
export async function listDeadLetters(db: Queryable, filter: { group?: string; limit?: number } = {}): Promise<DeadLetter[]> {
  const { rows } = await db.query<DeadLetterRow>(
    `SELECT * FROM messaging_dead_letters
     WHERE $1::text IS NULL OR consumer_group = $1
     ORDER BY dead_lettered_at, consumer_group, event_id
     LIMIT $2`,
    [filter.group ?? null, filter.limit ?? 100],
  );
  return rows.map(toDeadLetter);
}

export type ReplayResult = { outcome: 'handled' | 'duplicate' } | { outcome: 'failed'; error: string };

/**
 * Runs `handler` (the group's own, once its cause is fixed) on a dead letter again, through the
 * same idempotent path as a delivery: the dead letter is removed in the transaction that applies
 * it, or, if the group had handled the event meanwhile (a later delivery), removed without
 * running it again. On failure it stays, with the new error.
 * Throws NotFoundError when there is no such dead letter (or a concurrent replay took it).
 */
export async function replayDeadLetter(db: Database, group: string, eventId: string, handler: EventHandler): Promise<ReplayResult> {
  try {
    const outcome = await db.transaction(async (tx) => {
      // FOR UPDATE: two replays of the same dead letter run one after the other.
      const { rows } = await tx.query<DeadLetterRow>(
        'SELECT * FROM messaging_dead_letters WHERE consumer_group = $1 AND event_id = $2 FOR UPDATE',
        [group, eventId],
      );
      const row = rows[0];
      if (row === undefined) throw new NotFoundError(`no dead letter of event ${eventId} in consumer group ${group}`);
      const handled = await handleOnce(tx, group, handler, toDeadLetter(row).event);
      await tx.query('DELETE FROM messaging_dead_letters WHERE consumer_group = $1 AND event_id = $2', [group, eventId]);
      return handled;
    });
    return { outcome };
  } catch (error) {
    if (error instanceof NotFoundError) throw error;
    const text = errorText(error);
    await db.query(
      'UPDATE messaging_dead_letters SET error = $3, attempts = attempts + 1 WHERE consumer_group = $1 AND event_id = $2',
      [group, eventId, text],
    );
    return { outcome: 'failed', error: text };
  }
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    group: row.consumer_group,
    event: envelopeFromRow({ ...row, id: row.event_id }),
    error: row.error,
    attempts: row.attempts,
    deadLetteredAt: row.dead_lettered_at.toISOString(),
  };
}
