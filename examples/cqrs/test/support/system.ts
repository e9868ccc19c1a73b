import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { prepareEdge } from './edge.js';
import { OtlpReceiver } from './otlp-receiver.js';
import { freePorts, RunningProcess } from './processes.js';

/** The services, in the order of the gateway's routing table. */
export const SERVICES = ['users', 'products', 'orders', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** How many instances of each service run in production (arch.json's `replicas`); the system tests run one of each. */
export const REPLICAS: Record<ServiceName, number> = { 'users': 1, 'products': 1, 'orders': 1, 'payments': 1 };

export const JWT_SECRET = 'e2e-secret-0123456789abcdef0123456789';

export interface System {
  gateway: RunningProcess;
  /** Where a request for /api/<service>/… enters the system. */
  entry(path: string): string;
  /**
   * The processes the services run in: one per service on a broker; on the in-process bus, one
   * for all of them (the development host), under every name.
   */
  services: Record<ServiceName, RunningProcess>;
  traces: OtlpReceiver;
  stop(): Promise<void>;
}

/**
 * Starts the services and the gateway on free ports, each service on its own embedded database.
 * Without a broker URL the services run in one process on the in-process bus, as `npm run dev`
 * runs them, their databases in memory; with one, each runs in a process of its own, as in
 * production, on a namespace of the broker that no other run shares, its database in a folder
 * of its own that outlives a restart of the process (removed when the system stops).
 */
export async function startSystem(brokerUrl?: string): Promise<System> {
  const traces = new OtlpReceiver();
  const shared = {
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: await traces.start(),
    OTEL_BSP_SCHEDULE_DELAY: '100',
    PGLITE_DATA_DIR: 'memory://',
  };
  const servicePorts = await freePorts(SERVICES.length);
  const ports = new Map(SERVICES.map((name, i) => [name, servicePorts[i] ?? 0]));

  let services: Record<ServiceName, RunningProcess>;
  let dataDir: string | undefined;
  if (brokerUrl === undefined) {
    const host = new RunningProcess({
      name: 'services',
      workspace: '.',
      entry: 'scripts/host.ts',
      // The host opens the services in order: the last one listening means all are.
      port: servicePorts.at(-1) ?? 0,
      env: { ...shared, ...Object.fromEntries([...ports].map(([name, port]) => [`${name.toUpperCase().replaceAll('-', '_')}_PORT`, String(port)])) },
    });
    services = Object.fromEntries(SERVICES.map((name) => [name, host])) as Record<ServiceName, RunningProcess>;
  } else {
    const env = { ...shared, BROKER_URL: brokerUrl, BROKER_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}` };
    const folder = mkdtempSync(join(tmpdir(), 'system-'));
    dataDir = folder;
    services = Object.fromEntries(
      SERVICES.map((name) => [
        name,
        new RunningProcess({
          name,
          workspace: `services/${name}`,
          port: ports.get(name) ?? 0,
          env: { ...env, PGLITE_DATA_DIR: join(folder, name) },
        }),
      ]),
    ) as Record<ServiceName, RunningProcess>;
  }
  const edge = await prepareEdge({
    upstreams: new Map([...ports].map(([name, port]) => [name, [`http://127.0.0.1:${port}`]])),
    env: shared,
    jwtSecret: JWT_SECRET,
    // The tests poll for the saga's outcomes; the limit itself is the gateway's own tests' business.
    rateLimit: 1_000_000,
  });

  const processes = [...new Set(Object.values(services))];
  const stop = async (): Promise<void> => {
    await Promise.all([...processes, ...edge.processes].map((running) => running.stop()));
    await traces.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(processes.map((service) => service.start()));
    // In order: NGINX's verifier before NGINX.
    for (const running of edge.processes) await running.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { gateway: edge.gateway, entry: edge.entry, services, traces, stop };
}
