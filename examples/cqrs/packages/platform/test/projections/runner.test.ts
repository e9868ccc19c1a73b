import { randomUUID } from 'node:crypto';

import { Registry } from 'prom-client';
import { afterEach, beforeAll, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { appendToStream, eventStoreMigrations, readStream } from '../../src/event-store/store.js';
import type { Projection } from '../../src/projections/projection.js';
import { createProjectionRunner, type ProjectionRunner, type ProjectionRunnerOptions } from '../../src/projections/runner.js';
import { silentLogger } from '../../src/testing/backends.js';
import { describeEachDatabase } from '../../src/testing/databases.js';
import { deposited, opened, waitForDatabaseClock, withdrawn } from '../event-store/accounts.js';
import { balances, createBalancesTable, eventually, readBalances } from './balances.js';

const streamOf = (): string => `account-${randomUUID()}`;

describeEachDatabase('projections', [eventStoreMigrations], (ctx, backend) => {
  beforeAll(() => createBalancesTable(ctx.db));

  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });
  /** A runner as a service instance would have one; stopped after the test. */
  const runnerOf = (
    projection: Projection = balances,
    options: Partial<ProjectionRunnerOptions> = {},
  ): ProjectionRunner & { registry: Registry } => {
    const registry = new Registry();
    const runner = createProjectionRunner(ctx.db, [projection], { logger: silentLogger, registry, batchSize: 10, ...options });
    runners.push(runner);
    return Object.assign(runner, { registry });
  };

  const openAccount = async (owner: string, ...amounts: number[]): Promise<string> => {
    const stream = streamOf();
    const events = [opened(stream, owner), ...amounts.map((amount) => (amount >= 0 ? deposited(stream, amount) : withdrawn(stream, -amount)))];
    await ctx.db.transaction((tx) => appendToStream(tx, stream, 0, events));
    return stream;
  };
  const balanceOf = async (db: Database, stream: string): Promise<{ balance: number; events: number } | undefined> => {
    const row = (await readBalances(db)).find((candidate) => candidate.account === stream);
    return row && { balance: row.balance, events: row.events };
  };
  const gauge = async (registry: Registry, name: string): Promise<number | undefined> =>
    (await registry.getSingleMetric(name)?.get())?.values.find((value) => value.labels.projection === 'balances')?.value;

  it('catches up in batches, and shows its lag until it has', async () => {
    const runner = runnerOf();
    await runner.catchUp();
    const streams = [await openAccount('ada', 100, -30), await openAccount('bob', ...Array.from({ length: 24 }, () => 1))];
    const [oldest] = await readStream(ctx.db, streams[0]!);
    await waitForDatabaseClock(ctx.db, new Date(Date.parse(oldest!.recordedAt) + 50));

    const [lag] = await runner.lag();
    expect(lag).toMatchObject({ projection: 'balances', events: 3 + 25 });
    expect(lag!.seconds).toBeGreaterThanOrEqual(0.05);
    expect(await gauge(runner.registry, 'projection_lag_events')).toBe(28);

    await runner.catchUp();
    expect(await balanceOf(ctx.db, streams[0]!)).toEqual({ balance: 70, events: 3 });
    expect(await balanceOf(ctx.db, streams[1]!)).toEqual({ balance: 24, events: 25 });
    expect(await runner.lag()).toEqual([{ projection: 'balances', events: 0, seconds: 0 }]);
    expect(await gauge(runner.registry, 'projection_lag_events')).toBe(0);
    expect(await gauge(runner.registry, 'projection_lag_seconds')).toBe(0);
  });

  it('applies new events as soon as it is notified, without waiting for its poll', async () => {
    const runner = runnerOf(balances, { pollIntervalMs: 60_000 });
    runner.start();
    await eventually(async () => (await runner.lag())[0]?.events === 0, 'the runner has caught up');

    const stream = await openAccount('ada', 42);
    runner.notify();
    await eventually(async () => (await balanceOf(ctx.db, stream))?.balance === 42, 'the deposit shows in the read model', 5_000);
  });

  it('goes on from its checkpoint after a restart, and a failed batch leaves no trace', async () => {
    const first = runnerOf();
    const stream = await openAccount('ada', 10);
    await first.catchUp();
    await first.stop();

    // The next instance crashes on the third of four new events: the whole batch rolls back.
    const poison = deposited(stream, 1_000);
    await ctx.db.transaction((tx) => appendToStream(tx, stream, 2, [deposited(stream, 1), deposited(stream, 2), poison, deposited(stream, 3)]));
    const crashing = runnerOf({
      ...balances,
      async apply(tx, event) {
        if (event.id === poison.id) throw new Error('bug in the projection');
        await balances.apply(tx, event);
      },
    });
    await expect(crashing.catchUp()).rejects.toThrow(/projection balances failed to apply event \d+ \(Deposited /);
    expect(await balanceOf(ctx.db, stream)).toEqual({ balance: 10, events: 2 });
    expect((await crashing.lag())[0]?.events).toBe(4);

    // Fixed and restarted: every event applied, each once.
    await runnerOf().catchUp();
    expect(await balanceOf(ctx.db, stream)).toEqual({ balance: 1_016, events: 6 });
  });

  it('rebuilds a read model equal to the live one, and goes on live from there', async () => {
    const runner = runnerOf();
    const stream = await openAccount('ada', 5, 7);
    await openAccount('bob', 11);
    await runner.catchUp();
    const live = await readBalances(ctx.db);
    // The read model drifted from the events (say, a bug since fixed).
    await ctx.db.query('UPDATE read_model.balances SET balance = 0, owner = NULL');

    await runner.rebuild('balances');
    expect(await readBalances(ctx.db)).toEqual(live);

    await ctx.db.transaction((tx) => appendToStream(tx, stream, 3, [deposited(stream, 100)]));
    await runner.catchUp();
    expect(await balanceOf(ctx.db, stream)).toEqual({ balance: 112, events: 4 });
    await expect(runner.rebuild('totals')).rejects.toThrow('no projection named totals (known: balances)');
  });

  it('applies every event exactly once while writers append concurrently', async () => {
    // Two instances of the service, both running the projection live.
    const instances = [runnerOf(balances, { pollIntervalMs: 20 }), runnerOf(balances, { pollIntervalMs: 20 })];
    for (const runner of instances) runner.start();
    const streams = Array.from({ length: 4 }, () => streamOf());
    await Promise.all(
      streams.map(async (stream) => {
        for (let version = 0; version < 20; version++) {
          await ctx.db.transaction((tx) => appendToStream(tx, stream, version, [deposited(stream, 1)]));
          instances[version % 2]!.notify();
        }
      }),
    );

    await eventually(async () => (await instances[0]!.lag())[0]?.events === 0, 'the projection has caught up');
    for (const stream of streams) expect(await balanceOf(ctx.db, stream)).toEqual({ balance: 20, events: 20 });
  });

  // Only on the server: PGlite runs every connection in one session, so nothing there is truly concurrent.
  if (backend === 'postgres') it('never skips an event whose transaction commits after a later one', async () => {
    const runner = runnerOf();
    await runner.catchUp();
    const [first, second] = [streamOf(), streamOf()];

    // The first transaction appends, then holds its commit back.
    let commitFirst: () => void = () => undefined;
    let firstAppended: () => void = () => undefined;
    const appended = new Promise<void>((resolve) => (firstAppended = resolve));
    const firstTx = ctx.db.transaction(async (tx) => {
      await appendToStream(tx, first, 0, [opened(first, 'ada')]);
      firstAppended();
      await new Promise<void>((resolve) => (commitFirst = resolve));
    });
    await appended;
    // The second would take the next position and commit at once, overtaking the first, if
    // appends were not serialised. Either way, the projection catches up now.
    let secondCommitted = false;
    const secondTx = ctx.db
      .transaction((tx) => appendToStream(tx, second, 0, [opened(second, 'bob')]))
      .then(() => (secondCommitted = true));
    await eventually(async () => secondCommitted || (await appendsWaiting(ctx.db)) > 0, 'the second append committed or waits');
    await runner.catchUp();

    commitFirst();
    await Promise.all([firstTx, secondTx]);
    await runner.catchUp();
    expect(await balanceOf(ctx.db, first)).toEqual({ balance: 0, events: 1 });
    expect(await balanceOf(ctx.db, second)).toEqual({ balance: 0, events: 1 });
  });

  // Only on the server: PGlite runs every connection in one session, so nothing there is truly concurrent.
  if (backend === 'postgres') it('lets readers see the old read model during a rebuild, then the new one whole', async () => {
    await openAccount('ada', 1, 2, 3);
    await runnerOf().catchUp();
    const before = await readBalances(ctx.db);

    let rebuildStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (rebuildStarted = resolve));
    let finishRebuild: () => void = () => undefined;
    const finish = new Promise<void>((resolve) => (finishRebuild = resolve));
    const slow = runnerOf({
      ...balances,
      async apply(tx, event) {
        rebuildStarted();
        await finish;
        await balances.apply(tx, event);
      },
    });
    const rebuilding = slow.rebuild('balances');
    await started;
    // Mid-rebuild, on another connection: not empty, not blocked.
    expect(await readBalances(ctx.db)).toEqual(before);
    finishRebuild();
    await rebuilding;
    expect(await readBalances(ctx.db)).toEqual(before);
  });
});

/** How many appending transactions wait for the append lock (the suite has its own database). */
async function appendsWaiting(db: Database): Promise<number> {
  const { rows } = await db.query<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows[0]?.waiting ?? 0;
}
