// A bank account, the guide's example of event sourcing, shared by the event store and
// projection tests.
import type { Queryable } from '../../src/db/database.js';
import type { Aggregate } from '../../src/event-store/aggregate.js';
import type { StoredEvent } from '../../src/event-store/store.js';
import { newEvent, type EventEnvelope } from '../../src/messaging/envelope.js';

export type AccountEvent =
  | StoredEvent<'AccountOpened', { owner: string }>
  | StoredEvent<'Deposited', { amount: number }>
  | StoredEvent<'Withdrawn', { amount: number }>;

export interface Account {
  owner: string | null;
  balance: number;
}

export const account: Aggregate<Account, AccountEvent> = {
  initial: { owner: null, balance: 0 },
  evolve(state, event) {
    switch (event.type) {
      case 'AccountOpened':
        return { ...state, owner: event.payload.owner };
      case 'Deposited':
        return { ...state, balance: state.balance + event.payload.amount };
      case 'Withdrawn':
        return { ...state, balance: state.balance - event.payload.amount };
    }
  },
};

export const opened = (id: string, owner: string): EventEnvelope => newEvent('AccountOpened', id, { owner });
export const deposited = (id: string, amount: number): EventEnvelope => newEvent('Deposited', id, { amount });
export const withdrawn = (id: string, amount: number): EventEnvelope => newEvent('Withdrawn', id, { amount });

/**
 * Resolves once the database's clock has passed `time` by a millisecond, so that what is recorded
 * next is recorded strictly later (the store keeps milliseconds). Polls with a deadline.
 */
export async function waitForDatabaseClock(db: Queryable, time: Date): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { rows } = await db.query<{ passed: boolean }>(
      "SELECT clock_timestamp() >= $1::timestamptz + interval '1 millisecond' AS passed",
      [time],
    );
    if (rows[0]?.passed === true) return;
    if (Date.now() > deadline) throw new Error(`the database clock did not pass ${time.toISOString()}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
