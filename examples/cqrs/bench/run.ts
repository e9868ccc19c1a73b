// `npm run bench`: what the gateway costs, measured with autocannon in one run on this machine.
//   direct     → a stand-in for the users service that answers from memory (bench/upstream.ts),
//                so that its database does not hide the cost of what stands in front of it
//   gateway    → the same request through the gateway: JWT auth, rate limit, tracing, breaker
//   bare proxy → through a bare @fastify/http-proxy (no auth, no rate limit, no tracing)
//   bare nginx → through a bare NGINX reverse proxy, when nginx is installed (bench/bare-nginx.ts)
// and what the circuit breaker adds to one call. The gateway logs warnings only: a log line
// per request would otherwise dominate what is measured.
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

import { freePorts, RunningProcess } from '../test/support/processes.js';
import { bareNginx } from './bare-nginx.js';
import { breakerOverheadNs } from './breaker.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = 'bench-secret-0123456789abcdef0123456789';

const [servicePort = 0, gatewayPort = 0, proxyPort = 0, nginxPort = 0] = await freePorts(4);
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
const baseline = new RunningProcess({
  name: 'bare proxy',
  workspace: '.',
  entry: 'bench/bare-proxy.ts',
  port: proxyPort,
  env: { TARGET_URL: service.url },
});
const nginxCommand = bareNginx(nginxPort, new URL(service.url).host);
const bareProxies = [
  baseline,
  ...(nginxCommand === undefined ? [] : [new RunningProcess({ name: 'bare nginx', workspace: '.', port: nginxPort, env: {}, command: nginxCommand })]),
];

try {
  await service.start();
  await Promise.all([gateway.start(), ...bareProxies.map((proxy) => proxy.start())]);
  const id = '00000000-0000-4000-8000-000000000000';
  const token = await new SignJWT()
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

  console.log(`GET /users/:id, ${CONNECTIONS} connections, ${DURATION_S} s each, after a warm-up\n`);
  const direct = await measure('direct', `${service.url}/users/${id}`);
  const viaGateway = await measure('gateway', `${gateway.url}/api/users/${id}`, { authorization: `Bearer ${token}` });
  const viaBaseline = await measure('bare proxy', `http://127.0.0.1:${proxyPort}/users/${id}`);
  const viaNginx = nginxCommand === undefined ? undefined : await measure('bare nginx', `http://127.0.0.1:${nginxPort}/users/${id}`);
  if (viaNginx === undefined) console.log('bare nginx skipped: no nginx binary on this machine (set NGINX_BIN)');

  console.log('\n| path | req/s | × direct | p99 ms | p99 × direct |');
  console.log('|---|---|---|---|---|');
  const rows = [
    ['direct', direct],
    ['gateway', viaGateway],
    ['bare @fastify/http-proxy', viaBaseline],
    ...(viaNginx === undefined ? [] : [['bare NGINX', viaNginx] as const]),
  ] as const;
  for (const [name, result] of rows) {
    console.log(
      `| ${name} | ${result.rps.toFixed(0)} | ${(result.rps / direct.rps).toFixed(2)} | ${result.p99} | ${(result.p99 / direct.p99).toFixed(2)} |`,
    );
  }
} finally {
  await Promise.all([gateway.stop(), ...bareProxies.map((proxy) => proxy.stop())]);
  await service.stop();
}

const { bareNs, breakerNs } = await breakerOverheadNs();
console.log(
  `\ncircuit breaker (cockatiel, closed): ${(breakerNs - bareNs).toFixed(0)} ns added per call ` +
    `(bare ${bareNs.toFixed(0)} ns, through the breaker ${breakerNs.toFixed(0)} ns)`,
);

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<{ rps: number; p99: number }> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up: JIT, connection pools
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${name}: ${failed} of ${result.requests.total} requests failed`);
  console.log(`${name.padEnd(10)} ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}
