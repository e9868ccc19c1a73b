import { randomUUID } from 'node:crypto';

import { describe, expect, it, vi } from 'vitest';

import { foldEvents, loadAggregate } from '../../src/event-store/aggregate.js';
import { ConcurrencyError } from '../../src/event-store/errors.js';
import { loadSnapshot, saveSnapshot } from '../../src/event-store/snapshots.js';
import { appendToStream, eventStoreMigrations, readAll, readStream, streamVersion } from '../../src/event-store/store.js';
import { describeEachDatabase } from '../../src/testing/databases.js';
import { account, deposited, opened, waitForDatabaseClock, withdrawn } from './accounts.js';

const streamOf = (): string => `account-${randomUUID()}`;

describeEachDatabase('event store', [eventStoreMigrations], (ctx, backend) => {
  it('appends events with consecutive versions and gives them back as they were', async () => {
    const stream = streamOf();
    const events = [opened(stream, 'ada'), deposited(stream, 100)];
    const first = await ctx.db.transaction((tx) => appendToStream(tx, stream, 0, events));
    const second = await ctx.db.transaction((tx) => appendToStream(tx, stream, 2, [withdrawn(stream, 30)]));

    expect(first.version).toBe(2);
    expect(second).toMatchObject({ version: 3 });
    expect(second.position).toBeGreaterThan(first.position);
    const stored = await readStream(ctx.db, stream);
    expect(stored.map((event) => event.version)).toEqual([1, 2, 3]);
    expect(stored[0]).toMatchObject({ ...events[0], streamId: stream });
    expect(stored[1]).toMatchObject({ ...events[1], streamId: stream });
    expect(await streamVersion(ctx.db, stream)).toBe(3);
  });

  it('rejects an append at a version the stream has moved past, and appends nothing', async () => {
    const stream = streamOf();
    await ctx.db.transaction((tx) => appendToStream(tx, stream, 0, [opened(stream, 'ada')]));
    // A second writer decided on version 0 too, and comes late.
    const late = ctx.db.transaction((tx) => appendToStream(tx, stream, 0, [opened(stream, 'eve')]));

    await expect(late).rejects.toThrow(new ConcurrencyError(stream, 0, 1));
    await expect(late).rejects.toMatchObject({ streamId: stream, expectedVersion: 0, actualVersion: 1, statusCode: 409 });
    const stored = await readStream(ctx.db, stream);
    expect(stored.map((event) => event.payload)).toEqual([{ owner: 'ada' }]);
  });

  // Only on the server: PGlite runs every connection in one session, so nothing there is truly concurrent.
  if (backend === 'postgres') it('lets exactly one of two truly concurrent appends at one version win', async () => {
    const stream = streamOf();
    // Both transactions, on their own connections, read the version before either appends.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const writer = (owner: string): Promise<unknown> =>
      ctx.db.transaction(async (tx) => {
        const version = await streamVersion(tx, stream);
        if (++arrived === 2) release();
        await bothRead;
        return appendToStream(tx, stream, version, [opened(stream, owner)]);
      });

    const results = await Promise.allSettled([writer('ada'), writer('eve')]);
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ streamId: stream, expectedVersion: 0, actualVersion: 1 });
    expect(rejected[0]?.reason).toBeInstanceOf(ConcurrencyError);
    expect(await readStream(ctx.db, stream)).toHaveLength(1);
  });

  // Only on the server: PGlite runs every connection in one session, so nothing there is truly concurrent.
  if (backend === 'postgres') it('refuses, by the unique constraint, an append whose snapshot missed the other one', async () => {
    const stream = streamOf();
    const late = ctx.db.transaction(async (tx) => {
      // A REPEATABLE READ snapshot taken before the other append: the version check cannot see it.
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await tx.query('SELECT 1');
      await ctx.db.transaction((other) => appendToStream(other, stream, 0, [opened(stream, 'ada')]));
      return appendToStream(tx, stream, 0, [opened(stream, 'eve')]);
    });

    await expect(late).rejects.toMatchObject({ streamId: stream, expectedVersion: 0, actualVersion: undefined });
    await expect(late).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await readStream(ctx.db, stream)).map((event) => event.payload)).toEqual([{ owner: 'ada' }]);
  });

  it('commits the events together with the rest of the transaction, or not at all', async () => {
    const stream = streamOf();
    const failing = ctx.db.transaction(async (tx) => {
      await appendToStream(tx, stream, 0, [opened(stream, 'ada')]);
      throw new Error('the outbox write failed');
    });

    await expect(failing).rejects.toThrow('the outbox write failed');
    expect(await readStream(ctx.db, stream)).toEqual([]);
  });

  it('travels back in time: the state at a version, and as the store had it at a time', async () => {
    const stream = streamOf();
    await ctx.db.transaction((tx) => appendToStream(tx, stream, 0, [opened(stream, 'ada'), deposited(stream, 100)]));
    const [, second] = await readStream(ctx.db, stream);
    await waitForDatabaseClock(ctx.db, new Date(second!.recordedAt));
    await ctx.db.transaction((tx) => appendToStream(tx, stream, 2, [withdrawn(stream, 30), deposited(stream, 5)]));

    expect(await loadAggregate(ctx.db, account, stream)).toEqual({ state: { owner: 'ada', balance: 75 }, version: 4 });
    expect(await loadAggregate(ctx.db, account, stream, { version: 3 })).toEqual({
      state: { owner: 'ada', balance: 70 },
      version: 3,
    });
    expect(await loadAggregate(ctx.db, account, stream, { asOf: new Date(second!.recordedAt) })).toEqual({
      state: { owner: 'ada', balance: 100 },
      version: 2,
    });
    expect(await loadAggregate(ctx.db, account, stream, { asOf: new Date(Date.parse(second!.recordedAt) - 60_000) })).toEqual({
      state: account.initial,
      version: 0,
    });
  });

  it('loads a long stream from its snapshot plus the later events, to the same state as a full replay', async () => {
    const stream = streamOf();
    await ctx.db.transaction((tx) =>
      appendToStream(tx, stream, 0, [opened(stream, 'ada'), ...Array.from({ length: 99 }, (_, i) => deposited(stream, i))]),
    );
    const atFifty = await loadAggregate(ctx.db, account, stream, { version: 50 });
    await ctx.db.transaction((tx) => saveSnapshot(tx, stream, atFifty.version, atFifty.state));

    const evolve = vi.spyOn(account, 'evolve');
    try {
      const loaded = await loadAggregate(ctx.db, account, stream);
      // Only the 50 events after the snapshot were replayed.
      expect(evolve).toHaveBeenCalledTimes(50);
      expect(loaded).toEqual(foldEvents(account, await readStream(ctx.db, stream)));
      expect(loaded).toEqual({ state: { owner: 'ada', balance: (98 * 99) / 2 }, version: 100 });

      // Below the snapshot, the snapshot is not used: the state is the one of that version.
      evolve.mockClear();
      expect(await loadAggregate(ctx.db, account, stream, { version: 20 })).toEqual(
        foldEvents(account, await readStream(ctx.db, stream, { toVersion: 20 })),
      );
      expect(evolve).toHaveBeenCalledTimes(20 + 20);
    } finally {
      evolve.mockRestore();
    }
    expect(await loadSnapshot(ctx.db, stream, 49)).toBeUndefined();
    expect(await loadSnapshot(ctx.db, stream)).toEqual({ version: 50, state: atFifty.state });
  });

  it('reads every stream in position order, in batches, each event once', async () => {
    const before = (await readAll(ctx.db, 0, 1_000_000)).at(-1)?.position ?? 0;
    const streams = [streamOf(), streamOf(), streamOf()];
    for (let round = 0; round < 4; round++) {
      for (const [i, stream] of streams.entries()) {
        await ctx.db.transaction((tx) => appendToStream(tx, stream, round, [deposited(stream, round * 10 + i)]));
      }
    }

    const read: number[] = [];
    let position = before;
    for (let batch = await readAll(ctx.db, position, 5); batch.length > 0; batch = await readAll(ctx.db, position, 5)) {
      expect(batch.length).toBeLessThanOrEqual(5);
      read.push(...batch.map((event) => (event.payload as { amount: number }).amount));
      position = batch.at(-1)!.position;
    }
    expect(read).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]);
  });
});

describe('appendToStream', () => {
  it('refuses to append nothing, naming the stream', async () => {
    const tx = { query: vi.fn() };
    await expect(appendToStream(tx, 'account-1', 0, [])).rejects.toThrow('no events to append to stream account-1');
    expect(tx.query).not.toHaveBeenCalled();
  });
});
