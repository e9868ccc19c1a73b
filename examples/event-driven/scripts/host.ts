// The development host: the services named on the command line (all by default) in this one
// process, talking through an in-process bus, each on its own port with its own embedded
// database in services/<name>/.data/pglite. `npm run dev` runs it when BROKER_URL is unset; with a
// broker, every service runs in a process of its own instead, as in production.
import { bootstrap } from '@event-driven/platform/bootstrap';
import { ConfigError } from '@event-driven/platform/config';

import { loadServiceConfig as usersConfig } from '../services/users/src/config.js';
import { loadServiceConfig as productsConfig } from '../services/products/src/config.js';
import { loadServiceConfig as ordersConfig } from '../services/orders/src/config.js';
import { loadServiceConfig as paymentsConfig } from '../services/payments/src/config.js';
import type { HostedService } from './host-server.js';

/** Each service from its settings; its code is imported only when it opens, once tracing is in place. */
const SERVICES: Record<string, (env: NodeJS.ProcessEnv) => HostedService> = {
  'users': (env) => {
    const config = usersConfig(env);
    return {
      name: 'users',
      config,
      open: async (deps) => (await import('../services/users/src/service.js')).openService(config, deps),
    };
  },
  'products': (env) => {
    const config = productsConfig(env);
    return {
      name: 'products',
      config,
      open: async (deps) => (await import('../services/products/src/service.js')).openService(config, deps),
    };
  },
  'orders': (env) => {
    const config = ordersConfig(env);
    return {
      name: 'orders',
      config,
      open: async (deps) => (await import('../services/orders/src/service.js')).openService(config, deps),
    };
  },
  'payments': (env) => {
    const config = paymentsConfig(env);
    return {
      name: 'payments',
      config,
      open: async (deps) => (await import('../services/payments/src/service.js')).openService(config, deps),
    };
  },
};

/**
 * A service's settings from the shared environment, less what must differ between services:
 * the port (its own default, or `<NAME>_PORT`) and the embedded database's folder (its own).
 */
function serviceEnv(env: NodeJS.ProcessEnv, name: string): NodeJS.ProcessEnv {
  const port = env[`${name.toUpperCase().replaceAll('-', '_')}_PORT`];
  const dataDir = env.PGLITE_DATA_DIR === 'memory://' ? 'memory://' : `services/${name}/.data/pglite`;
  return { ...env, PORT: port, PGLITE_DATA_DIR: dataDir };
}

function loadHostConfig(env: NodeJS.ProcessEnv) {
  // The host exists for the embedded defaults; real infrastructure means a process per service.
  for (const variable of ['BROKER_URL', 'DATABASE_URL']) {
    if (env[variable]) throw new ConfigError(`${variable} is set: run each service in a process of its own (npm run dev does)`);
  }
  const names = process.argv.slice(2);
  const unknown = names.find((name) => !(name in SERVICES));
  if (unknown !== undefined) throw new ConfigError(`unknown service "${unknown}"; the services are ${Object.keys(SERVICES).join(', ')}`);
  const services = (names.length === 0 ? Object.keys(SERVICES) : names).map((name) => SERVICES[name]!(serviceEnv(env, name)));
  // Every service read the same shared settings: the first one's are the host's.
  const shared = services[0]!.config; // there is at least one: all of them, or those named
  return {
    services,
    LOG_LEVEL: shared.LOG_LEVEL,
    OTEL_EXPORTER_OTLP_ENDPOINT: shared.OTEL_EXPORTER_OTLP_ENDPOINT,
    OTEL_SERVICE_NAME: env.OTEL_SERVICE_NAME || 'event-driven-services',
  };
}

await bootstrap(loadHostConfig, async (config, tracing) => {
  const { startHost } = await import('./host-server.js');
  await startHost(config.services, { logLevel: config.LOG_LEVEL, tracing });
});
