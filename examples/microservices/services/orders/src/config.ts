import { databaseSettings, loadConfig, processSettings, serviceUrls } from '@microservices/platform/config';
import { resilienceSettings } from '@microservices/platform/resilience/settings';

/** Every setting the service reads from the environment; README.md documents each one. */
const settings = {
  ...processSettings({ port: 3003, serviceName: 'orders' }),
  ...databaseSettings,
  // How its calls to them are guarded: deadline, retries of idempotent calls, circuit breaker.
  ...resilienceSettings,
  // The services an order needs, each at one URL or its instances' joined by "|"; docker-compose
  // and Kubernetes point them at their service names.
  PRODUCTS_URL: serviceUrls(['http://127.0.0.1:3002']),
  PAYMENTS_URL: serviceUrls(['http://127.0.0.1:3004']),
};

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: NodeJS.ProcessEnv) {
  return loadConfig(settings, env);
}
