import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';

import type { Queryable } from '../db/database.js';

/** How far a projection is behind the event store. */
export interface ProjectionLag {
  projection: string;
  /** Events in the store that it has not applied yet. */
  events: number;
  /** Age of the oldest of them, 0 when there is none: how stale its read model can be. */
  seconds: number;
}

/** The lag of each of `projections`, measured now. */
export async function measureLag(db: Queryable, projections: readonly string[]): Promise<ProjectionLag[]> {
  const { rows } = await db.query<ProjectionLag>(
    `SELECT p.name AS projection,
       (SELECT count(*) FROM event_store_events e WHERE e.position > c.position)::int AS events,
       coalesce(greatest(0, extract(epoch FROM now() - (
         SELECT recorded_at FROM event_store_events e WHERE e.position > c.position ORDER BY e.position LIMIT 1
       ))), 0)::float8 AS seconds
     FROM unnest($1::text[]) AS p(name)
     CROSS JOIN LATERAL (
       SELECT coalesce((SELECT position FROM read_model.projection_checkpoints WHERE projection = p.name), 0) AS position
     ) AS c
     ORDER BY p.name`,
    [projections],
  );
  return rows;
}

/**
 * Gauges of each projection's lag, measured from the database when Prometheus scrapes: a runner
 * that is stuck cannot leave a reassuring old value behind. When the measurement fails, the
 * series disappear (alert on their absence) rather than go stale.
 */
export function registerLagGauges(registry: Registry, measure: () => Promise<ProjectionLag[]>, logger: Logger): void {
  const gauge = (name: string, help: string, value: (lag: ProjectionLag) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          for (const lag of await measure()) this.set({ projection: lag.projection }, value(lag));
        } catch (error) {
          logger.warn({ err: error }, `could not measure projection lag for ${name}`);
        }
      },
    });
  };
  gauge('projection_lag_events', 'Events in the event store that the projection has not applied yet.', (lag) => lag.events);
  gauge('projection_lag_seconds', 'Age in seconds of the oldest event the projection has not applied yet.', (lag) => lag.seconds);
}
