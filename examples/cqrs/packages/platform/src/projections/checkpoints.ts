import type { Queryable } from '../db/database.js';

/**
 * Takes the projection's checkpoint for the rest of the transaction and returns its position,
 * or undefined when another transaction has it (another instance of the service applying a
 * batch, or a rebuild): that one is doing the work, so this one skips instead of waiting.
 * With `wait`, waits for it instead.
 */
export async function lockCheckpoint(tx: Queryable, projection: string, { wait = false } = {}): Promise<number | undefined> {
  await tx.query(
    'INSERT INTO read_model.projection_checkpoints (projection) VALUES ($1) ON CONFLICT (projection) DO NOTHING',
    [projection],
  );
  const { rows } = await tx.query<{ position: string }>(
    `SELECT position FROM read_model.projection_checkpoints WHERE projection = $1 FOR UPDATE ${wait ? '' : 'SKIP LOCKED'}`,
    [projection],
  );
  return rows[0] === undefined ? undefined : Number(rows[0].position);
}

export async function saveCheckpoint(tx: Queryable, projection: string, position: number): Promise<void> {
  await tx.query(
    'UPDATE read_model.projection_checkpoints SET position = $2, updated_at = now() WHERE projection = $1',
    [projection, position],
  );
}
