import { freePorts, RunningProcess } from './processes.js';
import { OtlpReceiver } from './otlp-receiver.js';

/** The services, in the order of the gateway's routing table. */
export const SERVICES = ['users', 'products', 'orders', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];

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
  services: Record<ServiceName, RunningProcess>;
  traces: OtlpReceiver;
  stop(): Promise<void>;
}

/**
 * Starts every service and the gateway as separate processes on free ports, as `npm run dev`
 * does, each service on its own database: its embedded one in memory, or the URL given for it.
 */
export async function startSystem(databaseUrls?: ReadonlyMap<ServiceName, string>): Promise<System> {
  const traces = new OtlpReceiver();
  const shared = sharedEnv(await traces.start());
  const [gatewayPort = 0, ...servicePorts] = await freePorts(SERVICES.length + 1);
  const urls = new Map(SERVICES.map((name, i) => [name, `http://127.0.0.1:${servicePorts[i]}`]));

  const services = Object.fromEntries(
    SERVICES.map((name, i) => {
      const url = databaseUrls?.get(name);
      const env = { ...shared, ...(url === undefined ? { PGLITE_DATA_DIR: 'memory://' } : { DATABASE_URL: url }) };
      if (name === 'orders') Object.assign(env, { PRODUCTS_URL: urls.get('products'), PAYMENTS_URL: urls.get('payments') });
      return [name, new RunningProcess({ name, workspace: `services/${name}`, port: servicePorts[i] ?? 0, env })];
    }),
  ) as Record<ServiceName, RunningProcess>;
  const gateway = new RunningProcess({
    name: 'gateway',
    workspace: 'gateway',
    port: gatewayPort,
    env: {
      ...shared,
      JWT_SECRET,
      RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
      UPSTREAM_URLS: [...urls].map(([name, url]) => `${name}=${url}`).join(','),
    },
  });

  const all = [...Object.values(services), gateway];
  const stop = async (): Promise<void> => {
    await Promise.all(all.map((running) => running.stop()));
    await traces.stop();
  };
  try {
    await Promise.all(Object.values(services).map((service) => service.start()));
    await gateway.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { gateway, services, traces, stop };
}
