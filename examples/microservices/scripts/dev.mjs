// `npm run dev`: every service and the gateway on this machine, each restarting when its code
// changes, with their logs interleaved and prefixed by name. Ctrl-C stops them all.
// Settings come from .env, else from .env.example (development values), under the shell's own.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

// Each service's port, and how many instances of it run (arch.json's replicas).
const SERVICES = { 'users': { port: 3001, replicas: 1 }, 'products': { port: 3002, replicas: 1 }, 'orders': { port: 3003, replicas: 1 }, 'payments': { port: 3004, replicas: 1 } };
const NAMES = Object.keys(SERVICES);

const envFile = existsSync('.env') ? '.env' : '.env.example';
const env = { ...parseEnv(readFileSync(envFile, 'utf8')), ...process.env };
// Each process listens on its own default port; one PORT for all would collide.
delete env.PORT;

// REPLICAS=orders=3,products=2 overrides the instances per service for this run.
for (const entry of (env.REPLICAS ?? '').split(',').filter(Boolean)) {
  const [name = '', count = ''] = entry.trim().split('=');
  if (!(name in SERVICES) || !/^([1-9]|10)$/.test(count)) {
    console.error(`REPLICAS: expected service=count (1 to 10) for ${NAMES.join(', ')}, got "${entry}"`);
    process.exit(2);
  }
  SERVICES[name].replicas = Number(count);
}
// Further instances listen a hundred ports up each (orders on 3003, 3103, …); a service of several
// instances keeps one embedded database, served to all of them two thousand ports up.
const instancePorts = (name) => Array.from({ length: SERVICES[name].replicas }, (_, k) => SERVICES[name].port + k * 100);
const urlsOf = (name) => instancePorts(name).map((port) => `http://127.0.0.1:${port}`).join('|');
env.UPSTREAM_URLS = NAMES.map((name) => `${name}=${urlsOf(name)}`).join(',');
env.PRODUCTS_URL ??= urlsOf('products');
env.PAYMENTS_URL ??= urlsOf('payments');
console.log(`settings from ${envFile}; the gateway is http://127.0.0.1:8080`);

/** `npm run dev` of a workspace: its own process, restarted when its code changes. */
const workspace = (path, name = path.split('/').pop(), extraEnv = {}) => ({
  name,
  command: 'npm',
  args: ['run', '-s', 'dev', '-w', path],
  env: { ...env, ...extraEnv },
});

/**
 * Every instance of a service; the instances of a replicated one share an embedded database
 * (pglite-server, which multiplexes their connections) unless DATABASE_URL names a real one.
 */
function instancesOf(name) {
  const ports = instancePorts(name);
  if (ports.length === 1) return [workspace(`services/${name}`)];
  const databasePort = SERVICES[name].port + 2000;
  if (!env.DATABASE_URL) mkdirSync(`services/${name}/.data/pglite`, { recursive: true });
  const database = env.DATABASE_URL
    ? []
    : [
        {
          name: `${name}-db`,
          command: 'node_modules/.bin/pglite-server',
          args: [`--db=services/${name}/.data/pglite`, `--port=${databasePort}`, '--max-connections=32'],
          env,
          listensOn: databasePort,
        },
      ];
  const databaseUrl = env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${databasePort}/postgres`;
  return [...database, ...ports.map((port, k) => workspace(`services/${name}`, `${name}#${k + 1}`, { PORT: String(port), DATABASE_URL: databaseUrl }))];
}
const processes = [...NAMES.flatMap(instancesOf), workspace('gateway')];

const children = [];
function start({ name, command, args, env }) {
  // Each in a process group of its own (detached), so that stopping it stops everything npm
  // started for it, its file watcher included, rather than leaving them orphaned.
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) console.log(`${name.padEnd(12)}| ${line}`);
    });
  }
  child.on('exit', (code, signal) => console.log(`${name.padEnd(12)}| exited (${signal ?? code})`));
  children.push(child);
  return child;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
    }
  });
}

/** Resolves once something accepts connections on the port (a shared database, before its instances start). */
async function listening(port) {
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.end() && true)).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const databases = processes.filter((entry) => entry.listensOn !== undefined);
await Promise.all(
  databases.map((entry) => {
    const child = start(entry);
    const exited = new Promise((_, reject) => child.once('exit', () => reject(new Error(`${entry.name} stopped before it listened`))));
    return Promise.race([listening(entry.listensOn), exited]);
  }),
).catch((error) => {
  console.error(error.message);
  for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
  process.exit(1);
});
processes.filter((entry) => entry.listensOn === undefined).forEach(start);
