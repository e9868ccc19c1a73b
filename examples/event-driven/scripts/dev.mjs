// `npm run dev`: every service and the gateway on this machine, each restarting when its code
// changes, with their logs interleaved and prefixed by name. Ctrl-C stops them all.
// Settings come from .env, else from .env.example (development values), under the shell's own.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

const SERVICES = ['users', 'products', 'orders', 'payments'];

const envFile = existsSync('.env') ? '.env' : '.env.example';
const env = { ...parseEnv(readFileSync(envFile, 'utf8')), ...process.env };
// Each process listens on its own default port; one PORT for all would collide.
delete env.PORT;
console.log(`settings from ${envFile}; the gateway is http://127.0.0.1:8080`);

/** `npm run dev` of a workspace: its own process, restarted when its code changes. */
const workspace = (path) => ({ name: path.split('/').pop(), command: 'npm', args: ['run', '-s', 'dev', '-w', path] });

// Without BROKER_URL the services talk through the in-process bus, so they run in one process
// (scripts/host.ts), each still on its own port with its own database. With a broker, each runs
// in a process of its own, as in production.
const host = {
  name: 'services',
  command: 'node',
  args: ['--watch', '--conditions=source', '--import', 'tsx', 'scripts/host.ts', ...SERVICES],
};
const processes = [...(env.BROKER_URL ? SERVICES.map((name) => workspace(`services/${name}`)) : [host]), workspace('gateway')];

const children = processes.map(({ name, command, args }) => {
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
  return child;
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
    }
  });
}
