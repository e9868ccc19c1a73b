// `npm run bench`: what the gateway costs, measured with autocannon in one run on this machine.
//   direct     → a stand-in for the users service that answers from memory (bench/upstream.ts),
//                so that its database does not hide the cost of what stands in front of it
//   gateway    → the same request through the gateway: JWT auth, rate limit, tracing, breaker
//   bare proxy → through a bare @fastify/http-proxy (no auth, no rate limit, no tracing)
//   bare node  → through node:http and an undici pool and nothing else: the floor of any Node
//                gateway (bench/bare-node.ts)
//   bare nginx → through a bare NGINX reverse proxy, when nginx is installed (bench/bare-nginx.ts)
// and what the circuit breaker adds to one call. The gateway logs warnings only: a log line
// per request would otherwise dominate what is measured.
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

import { freePorts, RunningProcess } from '../test/support/processes.js';
import { bareNginx } from './bare-nginx.js';
import { breakerOverheadNs } from './breaker.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
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
const baselines = [
  bareProxy,
  bareNode,
  ...(nginxCommand === undefined ? [] : [new RunningProcess({ name: 'bare nginx', workspace: '.', port: nginxPort, env: {}, command: nginxCommand })]),
];

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
    { name: 'direct', url: `${service.url}/users/${id}` },
    { name: 'gateway', url: `${gateway.url}/api/users/${id}`, headers: { authorization: `Bearer ${token}` } },
    { name: 'bare @fastify/http-proxy', url: `${bareProxy.url}/users/${id}` },
    { name: 'bare node:http + undici', url: `${bareNode.url}/users/${id}` },
    ...(nginxCommand === undefined ? [] : [{ name: 'bare NGINX', url: `http://127.0.0.1:${nginxPort}/users/${id}` }]),
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
}

interface Measured {
  rps: number;
  p99: number;
}

async function load({ name, url, headers = {} }: Path, durationS: number): Promise<Measured> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: durationS });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${name}: ${failed} of ${result.requests.total} requests failed`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
