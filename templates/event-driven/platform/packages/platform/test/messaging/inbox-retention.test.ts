import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import { handleOnce } from '../../src/messaging/consumer.js';
import { newEvent } from '../../src/messaging/envelope.js';
import { INBOX_RETENTION_MS, pruneInbox } from '../../src/messaging/inbox-retention.js';
import { describeEachDatabase } from './support/databases.js';

describeEachDatabase('the inbox retention', '', (ctx) => {
  const handler = async (): Promise<void> => {};

  async function handledAt(group: string, ago: number): Promise<string> {
    const eventId = randomUUID();
    await ctx.db.query(
      `INSERT INTO messaging_inbox (consumer_group, event_id, handled_at) VALUES ($1, $2, now() - make_interval(secs => $3))`,
      [group, eventId, ago / 1000],
    );
    return eventId;
  }

  const remembered = async (group: string): Promise<string[]> =>
    (await ctx.db.query<{ event_id: string }>('SELECT event_id FROM messaging_inbox WHERE consumer_group = $1', [group])).rows.map(
      (row) => row.event_id,
    );

  it("forgets only the group's events handled before the retention", async () => {
    const old = await Promise.all(Array.from({ length: 3 }, () => handledAt('billing', INBOX_RETENTION_MS + 60_000)));
    const recent = await handledAt('billing', 60_000);
    const otherGroup = await handledAt('shipping', INBOX_RETENTION_MS + 60_000);

    expect(await pruneInbox(ctx.db, 'billing', new Date(Date.now() - INBOX_RETENTION_MS))).toBe(old.length);
    expect(await remembered('billing')).toEqual([recent]);
    expect(await remembered('shipping')).toEqual([otherGroup]);
  });

  it('still refuses a duplicate handled within the retention', async () => {
    const event = newEvent('order.placed', 'order-1', {});
    expect(await ctx.db.transaction((tx) => handleOnce(tx, 'billing', handler, event))).toBe('handled');
    await pruneInbox(ctx.db, 'billing', new Date(Date.now() - INBOX_RETENTION_MS));
    expect(await ctx.db.transaction((tx) => handleOnce(tx, 'billing', handler, event))).toBe('duplicate');
  });
});
