// `npm run bench`: what the gateway costs, measured with autocannon in one run on this machine.
//   direct     → a stand-in for the users service that answers from memory (bench/upstream.ts),
//                so that its database does not hide the cost of what stands in front of it
//   gateway    → the same request through the gateway: JWT auth, rate limit, tracing, breaker
//   bare proxy → through a bare @fastify/http-proxy (no auth, no rate limit, no tracing)
//   bare node  → through node:http and an undici pool and nothing else: the floor of any Node
//                gateway (bench/bare-node.ts)
//   bare nginx → through a bare NGINX reverse proxy, when nginx is installed (bench/bare-nginx.ts)
// Then each path again at a fixed rate that every one of them carries, for the CPU time each
// process spends per request: unlike the request rates, which this machine's other work moves from
// one minute to the next, that cost is the hop's own; and what the circuit breaker adds to one call.
// The gateway logs warnings only: a log line per request would otherwise dominate what is measured.
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

import { freePorts, RunningProcess } from '../test/support/processes.js';
import { bareNginx } from './bare-nginx.js';
import { cpuTimeMs } from './cpu.js';
import { breakerOverheadNs } from './breaker.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Well within what every path carries here, so each serves the same requests.
const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? 2_000);
const SECRET = 'bench-secret-0123456789abcdef0123456789';

const [servicePort = 0, gatewayPort = 0, proxyPort = 0, nodePort = 0, nginxPort = 0] = await freePorts(5);
const service = new RunningProcess({ name: 'upstream', workspace: '.', entry: 'bench/upstream.ts', port: servicePort, env: {} });
// Compiled, as in production (`npm run bench` builds it first).
const gateway = new RunningProcess({
  name: 'gateway',
  workspace: 'gateway',
  entry: 'dist/main.js',
  nodeOptions: [],
  port: gatewayPort,
  // The limit is on, but high enough never to answer 429 here.
  env: { LOG_LEVEL: 'warn', JWT_SECRET: SECRET, RATE_LIMIT_MAX: '1000000000', UPSTREAM_URLS: `users=${service.url}` },
});
const bareProxy = new RunningProcess({
  name: 'bare proxy',
  workspace: '.',
  entry: 'bench/bare-proxy.ts',
  port: proxyPort,
  env: { TARGET_URL: service.url },
});
const bareNode = new RunningProcess({
  name: 'bare node',
  workspace: '.',
  entry: 'bench/bare-node.ts',
  port: nodePort,
  env: { TARGET_URL: service.url },
});
const nginxCommand = bareNginx(nginxPort, new URL(service.url).host);
const bareNginxProcess =
  nginxCommand === undefined ? undefined : new RunningProcess({ name: 'bare nginx', workspace: '.', port: nginxPort, env: {}, command: nginxCommand });
const baselines = [bareProxy, bareNode, ...(bareNginxProcess === undefined ? [] : [bareNginxProcess])];

try {
  await service.start();
  await Promise.all([gateway.start(), ...baselines.map((baseline) => baseline.start())]);
  const id = '00000000-0000-4000-8000-000000000000';
  const token = await new SignJWT()
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

  const paths: Path[] = [
    { name: 'direct', url: `${service.url}/users/${id}`, front: [] },
    {
      name: 'gateway',
      url: `${gateway.url}/api/users/${id}`,
      headers: { authorization: `Bearer ${token}` },
      front: [gateway],
    },
    { name: 'bare @fastify/http-proxy', url: `${bareProxy.url}/users/${id}`, front: [bareProxy] },
    { name: 'bare node:http + undici', url: `${bareNode.url}/users/${id}`, front: [bareNode] },
    ...(bareNginxProcess === undefined ? [] : [{ name: 'bare NGINX', url: `${bareNginxProcess.url}/users/${id}`, front: [bareNginxProcess] }]),
  ];
  if (nginxCommand === undefined) console.log('bare NGINX skipped: no nginx binary on this machine (set NGINX_BIN)');

  console.log(`GET /users/:id, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_S} s per path, after a warm-up\n`);
  for (const path of paths) await load(path, 2); // warm-up: JIT, connection pools
  // Round by round, every path in turn: a machine that slows down for a while (another process,
  // a noisy neighbour) then slows every path of that round, and the ratios, taken within a
  // round, stay comparable. Each figure below is the median of the rounds.
  const rounds: Measured[][] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const measured: Measured[] = [];
    for (const path of paths) measured.push(await load(path, DURATION_S));
    const direct = measured[0]!;
    const figures = measured.map((m, i) => `${paths[i]!.name} ${m.rps.toFixed(0)} req/s (${(m.rps / direct.rps).toFixed(2)}×)`);
    console.log(`round ${round}: ${figures.join(', ')}`);
    rounds.push(measured);
  }

  console.log('\n| path | req/s | × direct | p99 ms | p99 × direct |');
  console.log('|---|---|---|---|---|');
  paths.forEach((path, i) => {
    const of = (figure: (round: Measured[]) => number) => median(rounds.map(figure));
    const rps = of((round) => round[i]!.rps);
    const ratio = of((round) => round[i]!.rps / round[0]!.rps);
    const p99 = of((round) => round[i]!.p99);
    const p99Ratio = of((round) => round[i]!.p99 / round[0]!.p99);
    console.log(`| ${path.name} | ${rps.toFixed(0)} | ${ratio.toFixed(2)} | ${p99} | ${p99Ratio.toFixed(2)} |`);
  });

  await printCpuPerRequest(paths);
} finally {
  await Promise.all([gateway.stop(), ...baselines.map((baseline) => baseline.stop())]);
  await service.stop();
}

const { bareNs, breakerNs } = await breakerOverheadNs();
console.log(
  `\ncircuit breaker (cockatiel, closed): ${(breakerNs - bareNs).toFixed(0)} ns added per call ` +
    `(bare ${bareNs.toFixed(0)} ns, through the breaker ${breakerNs.toFixed(0)} ns)`,
);

interface Path {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** The processes in front of the service on this path, whose CPU time is the path's cost. */
  front: RunningProcess[];
}

interface Measured {
  rps: number;
  p99: number;
}

async function load(path: Path, durationS: number): Promise<Measured> {
  const result = await served(path, { duration: durationS });
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Loads the path with autocannon; any request that failed fails the bench. */
async function served({ name, url, headers = {} }: Path, options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, ...options });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${name}: ${failed} of ${result.requests.total} requests failed`);
  return result;
}

/**
 * Each path at CPU_RATE requests per second for DURATION_S: the CPU time the processes in front
 * of the service and the service itself used, per request served.
 */
async function printCpuPerRequest(paths: readonly Path[]): Promise<void> {
  if (cpuTimeMs(process.pid) === undefined) {
    console.log('\nCPU per request: skipped, it is read from /proc, which only Linux has');
    return;
  }
  const used = (processes: readonly RunningProcess[]) => processes.reduce((sum, running) => sum + (cpuTimeMs(running.pid!) ?? 0), 0);
  console.log(`\nCPU time per request at ${CPU_RATE} req/s for ${DURATION_S} s`);
  console.log('| path | in front of the service, µs | the service, µs |');
  console.log('|---|---|---|');
  for (const path of paths) {
    const before = { front: used(path.front), service: used([service]) };
    const { requests } = await served(path, { duration: DURATION_S, overallRate: CPU_RATE });
    const perRequestUs = (ms: number) => ((ms * 1000) / requests.total).toFixed(1);
    const front = path.front.length === 0 ? '—' : perRequestUs(used(path.front) - before.front);
    console.log(`| ${path.name} | ${front} | ${perRequestUs(used([service]) - before.service)} |`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
