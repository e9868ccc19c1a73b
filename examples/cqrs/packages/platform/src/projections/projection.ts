import type { Queryable } from '../db/database.js';
import type { StoredEvent } from '../event-store/store.js';

/**
 * A read model kept up to date from the event store (the query side of CQRS). Its tables live in
 * the `read_model` schema, created by the service's own migrations; queries read them and never
 * the event store's tables.
 */
export interface Projection {
  /** Names its checkpoint: renaming a projection starts it again from the first event. */
  readonly name: string;
  /**
   * Its tables, schema-qualified (`read_model.order_totals`), in an order they can be emptied in
   * (tables that reference others first). A rebuild empties them and replays every event.
   */
  readonly tables: readonly string[];
  /**
   * Applies one event to the read model, with `tx` only: it commits together with the checkpoint.
   * Events of every type come through; ignore those the read model does not show.
   */
  apply(tx: Queryable, event: StoredEvent): Promise<void>;
}
