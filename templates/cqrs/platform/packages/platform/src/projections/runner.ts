import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

import type { Database, Queryable } from '../db/database.js';
import { readAll } from '../event-store/store.js';
import { lockCheckpoint, saveCheckpoint } from './checkpoints.js';
import { measureLag, registerLagGauges, type ProjectionLag } from './lag.js';
import type { Projection } from './projection.js';

export interface ProjectionRunnerOptions {
  logger: Logger;
  /** Gets the lag gauges (projection_lag_events, projection_lag_seconds): one runner per registry. */
  registry: Registry;
  /** Events applied per transaction. */
  batchSize?: number;
  /** How often to look for new events when nothing calls notify(). */
  pollIntervalMs?: number;
}

export interface ProjectionRunner {
  /** Keeps every projection caught up until stop(): polls, and wakes at once on notify(). */
  start(): void;
  /** Says new events were committed: call it after the transaction that appended them. */
  notify(): void;
  /** Applies every event committed so far to every projection; resolves when done. */
  catchUp(): Promise<void>;
  /**
   * Empties the projection's read model and replays the whole store into it, then live
   * catching up goes on from there. It runs in one transaction: readers keep seeing the old read
   * model, unblocked (the tables are emptied with DELETE, not TRUNCATE, which would lock them
   * out), until it commits and they see the rebuilt one whole; a failure leaves the old one as it
   * was. The price is one long transaction, which holds back vacuum while it runs; a store too
   * big for that would rebuild into a shadow schema and swap it in. On the embedded database,
   * whose one connection the rebuild holds, every other query waits for it.
   */
  rebuild(name: string): Promise<void>;
  /** How far each projection is behind, for the readiness check. */
  lag(): Promise<ProjectionLag[]>;
  /** Stops after the batch in hand (its transaction completes). */
  stop(): Promise<void>;
}

/**
 * Runs a service's projections over its event store. Each batch of events is applied, and the
 * projection's checkpoint advanced past it, in one transaction: a crash never applies an event
 * twice nor skips one, and a restarted runner goes on from the checkpoint. Several instances of
 * the service can run it: a checkpoint is held by one transaction at a time.
 */
export function createProjectionRunner(
  db: Database,
  projections: readonly Projection[],
  { logger, registry, batchSize = 500, pollIntervalMs = 1_000 }: ProjectionRunnerOptions,
): ProjectionRunner {
  const names = projections.map((projection) => projection.name);
  registerLagGauges(registry, () => measureLag(db, names), logger);

  // Work of this runner never overlaps: on the embedded database, whose pool has one connection,
  // a rebuild and a batch would otherwise wait on each other's connection.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };

  /** Applies one batch; returns how many events it applied. */
  const applyBatch = (projection: Projection): Promise<number> =>
    db.transaction(async (tx) => {
      const position = await lockCheckpoint(tx, projection.name);
      if (position === undefined) return 0;
      return (await replay(tx, projection, position, batchSize)).applied;
    });

  const catchUpOne = async (projection: Projection): Promise<void> => {
    while ((await applyBatch(projection)) === batchSize);
  };

  let running: Promise<void> | undefined;
  let stopping = false;
  let notified = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = async (): Promise<void> => {
    while (!stopping) {
      notified = false;
      for (const projection of projections) {
        try {
          await exclusive(() => catchUpOne(projection));
        } catch (error) {
          // The batch rolled back; it is retried from the same checkpoint on the next round.
          logger.error({ err: error, projection: projection.name }, `projection ${projection.name} failed; retrying`);
        }
      }
      // A notify() that came during the round may be about events the round missed.
      if (!notified && !stopping) await sleep(pollIntervalMs);
    }
  };

  return {
    start() {
      if (running !== undefined) return;
      stopping = false;
      running = loop();
    },
    notify() {
      notified = true;
      wake?.();
    },
    catchUp: () =>
      exclusive(async () => {
        for (const projection of projections) await catchUpOne(projection);
      }),
    async rebuild(name) {
      const projection = projections.find((candidate) => candidate.name === name);
      if (projection === undefined) throw new Error(`no projection named ${name} (known: ${names.join(', ')})`);
      await exclusive(() =>
        db.transaction(async (tx) => {
          // Waits for a batch another instance has in hand, and keeps them all out until commit.
          await lockCheckpoint(tx, name, { wait: true });
          for (const table of projection.tables) await tx.query(`DELETE FROM ${table}`);
          await saveCheckpoint(tx, name, 0);
          let batch = { applied: 0, position: 0 };
          do batch = await replay(tx, projection, batch.position, batchSize);
          while (batch.applied === batchSize);
        }),
      );
      logger.info({ projection: name }, `projection ${name} rebuilt`);
    },
    lag: () => measureLag(db, names),
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
}

/**
 * Applies the events after `position` (at most `limit`) and moves the checkpoint past them;
 * returns how many it applied and the checkpoint's position now. The caller holds the checkpoint.
 */
async function replay(
  tx: Queryable,
  projection: Projection,
  position: number,
  limit: number,
): Promise<{ applied: number; position: number }> {
  const events = await readAll(tx, position, limit);
  for (const event of events) {
    try {
      await projection.apply(tx, event);
    } catch (error) {
      throw new Error(`projection ${projection.name} failed to apply event ${event.position} (${event.type} ${event.id})`, {
        cause: error,
      });
    }
  }
  const last = events.at(-1);
  if (last === undefined) return { applied: 0, position };
  await saveCheckpoint(tx, projection.name, last.position);
  return { applied: events.length, position: last.position };
}
