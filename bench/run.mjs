#!/usr/bin/env node
// npm run bench: start-up and generation costs of the built CLIs, as ratios to
// `node -e 0` taken pair by pair in this one run (A B A B ...), because this
// machine's speed drifts between runs. Quote the medians.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 21);
const rssHook = join(root, 'bench', 'rss.mjs');
const work = mkdtempSync(join(tmpdir(), 'arch-init-bench-'));

function time(args) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = /bench-peak-rss-kb=(\d+)/.exec(child.stderr ?? '');
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : undefined };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function paired(name, args, budget) {
  const ratios = [];
  const times = [];
  const baseline = [];
  const rss = [];
  let n = 0;
  time(['-e', '0']); // warm-up: file system caches
  time(typeof args === 'function' ? args(n++) : args);
  for (let i = 0; i < runs; i++) {
    const b = time(['-e', '0']);
    const a = time(['--import', rssHook, ...(typeof args === 'function' ? args(n++) : args)]);
    ratios.push(a.ms / b.ms);
    times.push(a.ms);
    baseline.push(b.ms);
    if (a.rssMb !== undefined) rss.push(a.rssMb);
  }
  return {
    name,
    medianMs: +median(times).toFixed(1),
    nodeMs: +median(baseline).toFixed(1),
    ratio: +median(ratios).toFixed(2),
    budget,
    peakMb: +Math.max(...rss).toFixed(1),
  };
}

const results = [
  paired('arch-init --help', ['bin/arch-init.js', '--help'], 1.5),
  paired('arch-lint --version', ['bin/arch-lint.js', '--version'], 1.5),
  paired(
    'arch-init <dir> --pattern monolith --yes (no install)',
    (i) => ['bin/arch-init.js', join(work, `app-${i}`), '--pattern', 'monolith', '--yes'],
    4,
  ),
];

/** Absolute wall time, for budgets stated in seconds; `prepare` runs untimed before each run. */
function wall(name, args, budgetMs, prepare = () => {}) {
  const times = [];
  for (let i = 0; i < Math.min(runs, 11); i++) {
    prepare(i);
    times.push(time(args(i)).ms);
  }
  return { name, medianMs: +median(times).toFixed(1), budgetMs };
}

const fourServices = (dir) => ['bin/arch-init.js', dir, '--pattern', 'microservices', '--services', 'users,products,orders,payments', '--yes'];
const walls = [
  wall('arch-init <dir> --pattern microservices (4 services, no install)', (i) => fourServices(join(work, `ms-${i}`)), 1000),
  wall(
    'arch-init add service reviews (on the 4-service project)',
    (i) => ['bin/arch-init.js', 'add', 'service', 'reviews', '--dir', join(work, `add-${i}`)],
    2000,
    (i) => spawnSync(process.execPath, fourServices(join(work, `add-${i}`)), { cwd: root }),
  ),
  wall(
    'arch-init split products (on the 4-module monolith)',
    (i) => ['bin/arch-init.js', 'split', 'products', '--dir', join(work, `split-${i}`)],
    2000,
    (i) => spawnSync(process.execPath, ['bin/arch-init.js', join(work, `split-${i}`), '--pattern', 'monolith', '--yes'], { cwd: root }),
  ),
];
rmSync(work, { recursive: true, force: true });

console.log(`${runs} paired runs each; ratio = median of (command / node -e 0) per pair\n`);
console.log('command'.padEnd(56), 'median ms', ' node -e 0', ' ratio', ' budget', ' peak MB');
for (const r of results) {
  console.log(
    r.name.padEnd(56),
    String(r.medianMs).padStart(9),
    String(r.nodeMs).padStart(10),
    String(r.ratio).padStart(6),
    `≤${r.budget}×`.padStart(7),
    String(r.peakMb).padStart(8),
  );
}
console.log(`\n${'command'.padEnd(64)} median ms  budget`);
for (const w of walls) console.log(`${w.name.padEnd(64)} ${String(w.medianMs).padStart(9)}  ≤${w.budgetMs} ms`);
const failed = [...results.filter((r) => r.ratio > r.budget), ...walls.filter((w) => w.medianMs > w.budgetMs)];
if (failed.length > 0) {
  console.log(`\nover budget: ${failed.map((r) => r.name).join(', ')}`);
  process.exitCode = 1;
}

// arch-lint against dependency-cruiser on a synthetic monorepo, and its growth with size (issue 6).
const { benchLint } = await import('./lint/bench.mjs');
if (!benchLint()) process.exitCode = 1;
