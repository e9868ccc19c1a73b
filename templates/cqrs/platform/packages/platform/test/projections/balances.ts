// A read model of account balances, projected from the account events of ../event-store/accounts.ts.
import type { Database, Queryable } from '../../src/db/database.js';
import type { StoredEvent } from '../../src/event-store/store.js';
import type { Projection } from '../../src/projections/projection.js';

/** What a service's migration would create. */
export async function createBalancesTable(db: Database): Promise<void> {
  await db.query(`CREATE TABLE read_model.balances (
    account text PRIMARY KEY,
    owner text,
    balance integer NOT NULL DEFAULT 0,
    events integer NOT NULL DEFAULT 0
  )`);
}

export const balances: Projection = {
  name: 'balances',
  tables: ['read_model.balances'],
  async apply(tx, event) {
    const change = amountOf(event);
    // `events` counts applications: an event applied twice would show.
    await tx.query(
      `INSERT INTO read_model.balances (account, owner, balance, events) VALUES ($1, $2, $3, 1)
       ON CONFLICT (account) DO UPDATE SET
         owner = coalesce(excluded.owner, balances.owner),
         balance = balances.balance + excluded.balance,
         events = balances.events + 1`,
      [event.key, event.type === 'AccountOpened' ? (event.payload as { owner: string }).owner : null, change],
    );
  },
};

function amountOf(event: StoredEvent): number {
  switch (event.type) {
    case 'Deposited':
      return (event.payload as { amount: number }).amount;
    case 'Withdrawn':
      return -(event.payload as { amount: number }).amount;
    default:
      return 0;
  }
}

export interface BalanceRow {
  account: string;
  owner: string | null;
  balance: number;
  events: number;
}

/** The read model as a reader sees it. */
export async function readBalances(db: Queryable): Promise<BalanceRow[]> {
  const { rows } = await db.query<BalanceRow>('SELECT account, owner, balance, events FROM read_model.balances ORDER BY account');
  return rows;
}

/** Polls `check` until it holds, failing after a deadline. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
