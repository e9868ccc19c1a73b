import { prepareEdge } from './edge.js';
import { freePorts, RunningProcess } from './processes.js';
import { OtlpReceiver } from './otlp-receiver.js';
import { SharedEmbeddedDatabase } from './shared-database.js';

/** The services, in the order of the gateway's routing table. */
export const SERVICES = ['users', 'products', 'orders', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** How many instances of each service run behind the gateway (arch.json's `replicas`). */
export const REPLICAS: Record<ServiceName, number> = { 'users': 1, 'products': 1, 'orders': 1, 'payments': 1 };

export const JWT_SECRET = 'e2e-secret-0123456789abcdef0123456789';
export const RATE_LIMIT_MAX = 200;
export const BREAKER_COOLDOWN_MS = 1_000;

/** What every process gets: fast span export to the test's receiver, and quick-to-trip breakers. */
function sharedEnv(otlpEndpoint: string): Record<string, string> {
  return {
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    UPSTREAM_TIMEOUT_MS: '1000',
    RETRY_ATTEMPTS: '1',
    BREAKER_FAILURE_THRESHOLD: '2',
    BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
  };
}

export interface System {
  gateway: RunningProcess;
  /** Where a request for /api/<service>/… enters the system. */
  entry(path: string): string;
  /** The first instance of each service (its logs, its URL). */
  services: Record<ServiceName, RunningProcess>;
  /** Every instance of each service. */
  instances: Record<ServiceName, RunningProcess[]>;
  traces: OtlpReceiver;
  /** Kills every instance of a service, as when it crashes everywhere. */
  kill(name: ServiceName): Promise<void>;
  /** Starts every instance of a service again. */
  restart(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts every service and the gateway as separate processes on free ports, as `npm run dev`
 * does, each service on its own database: its embedded one in memory, or the URL given for it.
 * The instances of a replicated service share their service's database: the URL given, or one
 * embedded database served to all of them.
 */
export async function startSystem(databaseUrls?: ReadonlyMap<ServiceName, string>): Promise<System> {
  const traces = new OtlpReceiver();
  const shared = sharedEnv(await traces.start());
  const instanceCount = SERVICES.reduce((sum, name) => sum + REPLICAS[name], 0);
  const ports = await freePorts(instanceCount + SERVICES.length);
  const instancePorts = new Map(SERVICES.map((name) => [name, ports.splice(0, REPLICAS[name])]));
  const urls = new Map(SERVICES.map((name) => [name, instancePorts.get(name)!.map((port) => `http://127.0.0.1:${port}`)]));
  const sharedDatabases = SERVICES.filter((name) => REPLICAS[name] > 1 && databaseUrls?.get(name) === undefined).map(
    (name) => [name, new SharedEmbeddedDatabase(ports.shift() ?? 0)] as const,
  );
  const embedded = new Map(sharedDatabases);

  const instances = Object.fromEntries(
    SERVICES.map((name) => {
      const url = databaseUrls?.get(name) ?? embedded.get(name)?.url;
      const env = { ...shared, ...(url === undefined ? { PGLITE_DATA_DIR: 'memory://' } : { DATABASE_URL: url }) };
      if (name === 'orders') Object.assign(env, { PRODUCTS_URL: urls.get('products')!.join('|'), PAYMENTS_URL: urls.get('payments')!.join('|') });
      const ports = instancePorts.get(name)!;
      const label = (i: number) => (ports.length === 1 ? name : `${name}#${i + 1}`);
      return [name, ports.map((port, i) => new RunningProcess({ name: label(i), workspace: `services/${name}`, port, env }))];
    }),
  ) as Record<ServiceName, RunningProcess[]>;
  const edge = await prepareEdge({
    upstreams: urls,
    env: shared,
    jwtSecret: JWT_SECRET,
    rateLimit: RATE_LIMIT_MAX,
  });

  const all = [...Object.values(instances).flat(), ...edge.processes];
  const stop = async (): Promise<void> => {
    await Promise.all(all.map((running) => running.stop()));
    await Promise.all(sharedDatabases.map(([, database]) => database.stop()));
    await traces.stop();
  };
  try {
    await Promise.all(sharedDatabases.map(([, database]) => database.start()));
    await Promise.all(Object.values(instances).flat().map((instance) => instance.start()));
    // In order: NGINX's verifier before NGINX.
    for (const running of edge.processes) await running.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gateway: edge.gateway,
    entry: edge.entry,
    services: Object.fromEntries(SERVICES.map((name) => [name, instances[name][0]!])) as Record<ServiceName, RunningProcess>,
    instances,
    traces,
    kill: async (name) => {
      await Promise.all(instances[name].map((instance) => instance.kill()));
    },
    restart: async (name) => {
      await Promise.all(instances[name].map((instance) => instance.start()));
    },
    stop,
  };
}
