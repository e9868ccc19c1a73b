#!/usr/bin/env node
// arch-lint's performance budget (issue 6): on a synthetic monorepo of 50
// services and 10,000 TS files, the whole `arch-lint --format json` run must
// be at least 5x faster than dependency-cruiser building the import graph of
// the same tree, and stay under 300 MB peak. Both run in this one process
// tree, pair by pair (A B A B ...), because this machine's speed drifts
// between runs; quote the median ratio. Then arch-lint alone on 1,000,
// 10,000 and 50,000 files, to show it grows linearly.
//
// Run by `npm run bench`, or alone: node bench/lint/bench.mjs. BENCH_RUNS
// lowers the number of runs. Last, the TS/JS parsers arch-lint chose between
// (parsers.mjs). dependency-cruiser 17 needs TypeScript 5 (ours is the native
// 7, with no JS API), so it and oxc-parser live in this folder's own
// package.json and are installed here on the first run.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateMonorepo } from './generate.mjs';
import { measureParser, PARSERS } from './parsers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const rssHook = join(root, 'bench', 'rss.mjs');
const archLint = join(root, 'bin', 'arch-lint.js');
const depcruise = join(here, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const oxcParser = join(here, 'node_modules', 'oxc-parser', 'package.json');

export const TARGET_RATIO = 5;
export const TARGET_PEAK_MB = 300;
const SERVICES = 50;
const GROWTH = [1_000, 10_000, 50_000];
const PARSER_FILES = 3_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ensureBenchDependencies() {
  if (existsSync(depcruise) && existsSync(oxcParser)) return;
  console.log('installing dependency-cruiser, typescript 5 and oxc-parser into bench/lint (first run only)...');
  const npm = spawnSync('npm', ['install', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0 || !existsSync(depcruise) || !existsSync(oxcParser)) throw new Error(`npm install --prefix bench/lint failed (exit ${npm.status})`);
}

/** One measured run: wall time of the whole process, its peak RSS, its output (written to a file, not a pipe). */
function measure(args, { cwd, out }) {
  const fd = openSync(out, 'w');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', rssHook, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(fd);
  // arch-lint exits 1 when it has error-level findings, and the synthetic tree has some on purpose.
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = /bench-peak-rss-kb=(\d+)/.exec(child.stderr ?? '');
  if (!rss) throw new Error(`no peak RSS from node ${args.join(' ')}`);
  return { seconds, peakMb: Number(rss[1]) / 1024 };
}

const lintArgs = (dir) => [archLint, dir, '--format', 'json'];
const cruiseArgs = (out, sourceDirs) => [depcruise, '--no-config', '--ts-pre-compilation-deps', '--output-type', 'json', '--output-to', out, ...sourceDirs];

/** Both tools must really have read the tree, or the comparison means nothing. */
function checkLint(out, tree) {
  const result = JSON.parse(readFileSync(out, 'utf8'));
  const crossService = result.findings.filter((f) => f.rule === 'service-boundaries' && f.messageId === 'crossService').length;
  if (result.services.length !== SERVICES || crossService !== tree.crossServiceImports) {
    throw new Error(`arch-lint saw ${result.services.length} services and ${crossService} cross-service imports; the tree has ${SERVICES} and ${tree.crossServiceImports}`);
  }
}

function checkCruise(out, tree) {
  const result = JSON.parse(readFileSync(out, 'utf8'));
  const tsModules = result.modules.filter((m) => m.source.endsWith('.ts')).length;
  const unresolvedRelative = result.modules.filter((m) => m.couldNotResolve && m.source.startsWith('.')).length;
  if (tsModules !== tree.tsFiles || unresolvedRelative !== 0) {
    throw new Error(`depcruise saw ${tsModules} TS modules (${unresolvedRelative} unresolved relative imports); the tree has ${tree.tsFiles}`);
  }
}

function compare(work, runs) {
  const dir = join(work, 'repo-10000');
  const tree = generateMonorepo(dir, { services: SERVICES, files: 10_000 });
  const lintOut = join(work, 'arch-lint.json');
  const cruiseOut = join(work, 'depcruise.json');
  // Warm-up, one of each: file system caches; and the checks that both read the whole tree.
  measure(lintArgs(dir), { cwd: root, out: lintOut });
  checkLint(lintOut, tree);
  measure(cruiseArgs(cruiseOut, tree.sourceDirs), { cwd: dir, out: join(work, 'depcruise.stdout') });
  checkCruise(cruiseOut, tree);
  const lint = [];
  const cruise = [];
  for (let i = 0; i < runs; i++) {
    const a = measure(lintArgs(dir), { cwd: root, out: lintOut });
    const b = measure(cruiseArgs(cruiseOut, tree.sourceDirs), { cwd: dir, out: join(work, 'depcruise.stdout') });
    lint.push(a);
    cruise.push(b);
    process.stdout.write(`  pair ${i + 1}/${runs}: arch-lint ${a.seconds.toFixed(2)} s, depcruise ${b.seconds.toFixed(2)} s\n`);
  }
  return { tree, dir, lint, cruise, ratio: median(lint.map((a, i) => cruise[i].seconds / a.seconds)) };
}

function growth(work, runs, reuse) {
  return GROWTH.map((files) => {
    const dir = files === 10_000 && reuse ? reuse : join(work, `repo-${files}`);
    if (dir !== reuse) generateMonorepo(dir, { services: SERVICES, files });
    measure(lintArgs(dir), { cwd: root, out: join(work, 'growth.json') }); // warm-up
    const samples = Array.from({ length: runs }, () => measure(lintArgs(dir), { cwd: root, out: join(work, 'growth.json') }));
    if (dir !== reuse) rmSync(dir, { recursive: true, force: true });
    return { files, seconds: median(samples.map((s) => s.seconds)), peakMb: Math.max(...samples.map((s) => s.peakMb)) };
  });
}

/** The parser candidates on 3,000 files spread over the 10,000-file tree, taking turns run by run. */
function parsers(work, dir, runs) {
  const all = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.ts')).sort();
  const step = all.length / PARSER_FILES;
  const list = join(work, 'parser-files.json');
  writeFileSync(list, JSON.stringify(Array.from({ length: PARSER_FILES }, (_, i) => join(dir, all[Math.floor(i * step)]))));
  const samples = new Map(PARSERS.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) for (const p of PARSERS) samples.get(p).push(measureParser(p, list));
  const found = new Set([...samples.values()].map((s) => `${s[0].specifiers}/${s[0].distinct}`));
  if (found.size !== 1) throw new Error(`the parsers disagree on the imports: ${[...found].join(' vs ')}`);
  return PARSERS.map((p) => ({ parser: p, loadMs: median(samples.get(p).map((s) => s.loadMs)), parseMs: median(samples.get(p).map((s) => s.parseMs)), specifiers: samples.get(p)[0].specifiers }));
}

const fmt = (n, digits = 2) => n.toFixed(digits);

/** Runs the bench, prints its tables, and returns whether arch-lint met both targets. */
export function benchLint({ runs = Math.min(Number(process.env.BENCH_RUNS ?? 5), 5) } = {}) {
  if (!existsSync(join(root, 'dist', 'bundle', 'arch-lint.js'))) throw new Error('build first: npm run build');
  ensureBenchDependencies();
  const pairs = Math.max(1, runs);
  const growthRuns = Math.max(1, Math.min(pairs, 3));
  const work = mkdtempSync(join(tmpdir(), 'arch-lint-bench-'));
  try {
    console.log(`\narch-lint against depcruise --ts-pre-compilation-deps: ${SERVICES} services, 10,000 TS files, ${pairs} paired runs (A B A B)`);
    const { tree, lint, cruise, ratio } = compare(work, pairs);
    const lintPeak = Math.max(...lint.map((s) => s.peakMb));
    const cruisePeak = Math.max(...cruise.map((s) => s.peakMb));
    console.log(`\n${'command'.padEnd(92)} median s  peak MB`);
    console.log(`${'node bin/arch-lint.js <dir> --format json'.padEnd(92)} ${fmt(median(lint.map((s) => s.seconds))).padStart(8)} ${fmt(lintPeak, 0).padStart(8)}`);
    console.log(`${`depcruise --no-config --ts-pre-compilation-deps --output-type json ${tree.sourceDirs.join(' ')}`.padEnd(92)} ${fmt(median(cruise.map((s) => s.seconds))).padStart(8)} ${fmt(cruisePeak, 0).padStart(8)}`);
    console.log(`median ratio depcruise / arch-lint: ${fmt(ratio, 1)}x (target >= ${TARGET_RATIO}x); arch-lint peak ${fmt(lintPeak, 0)} MB (target < ${TARGET_PEAK_MB} MB)`);

    console.log(`\narch-lint growth, ${SERVICES} services, median of ${growthRuns} runs`);
    // The step from the row above, per 1,000 files: flat when growth is linear (the first row carries node's and TypeScript's start-up).
    console.log(`${'TS files'.padStart(9)} ${'time s'.padStart(8)} ${'peak MB'.padStart(8)} ${'ms per 1,000 more files'.padStart(24)}`);
    let previous;
    for (const g of growth(work, growthRuns, join(work, 'repo-10000'))) {
      const step = previous ? fmt(((g.seconds - previous.seconds) * 1e6) / (g.files - previous.files), 0) : '';
      console.log(`${g.files.toLocaleString('en-US').padStart(9)} ${fmt(g.seconds).padStart(8)} ${fmt(g.peakMb, 0).padStart(8)} ${step.padStart(24)}`);
      previous = g;
    }

    const parsed = parsers(work, join(work, 'repo-10000'), growthRuns);
    console.log(`\nTS/JS import parsers, ${PARSER_FILES.toLocaleString('en-US')} files (${parsed[0].specifiers.toLocaleString('en-US')} imports, the same for each), median of ${growthRuns} runs in fresh processes`);
    console.log(`${'parser'.padEnd(18)} ${'load ms'.padStart(8)} ${'parse ms'.padStart(9)}`);
    for (const p of parsed) console.log(`${p.parser.padEnd(18)} ${fmt(p.loadMs, 0).padStart(8)} ${fmt(p.parseMs, 0).padStart(9)}`);

    const ok = ratio >= TARGET_RATIO && lintPeak < TARGET_PEAK_MB;
    if (!ok) console.log('\narch-lint is over budget');
    return ok;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!benchLint()) process.exitCode = 1;
}
