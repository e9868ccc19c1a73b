import { databaseSettings, loadConfig, processSettings } from '@microservices/platform/config';

/** Every setting the service reads from the environment; README.md documents each one. */
const settings = {
  ...processSettings({ port: 3001, serviceName: 'users' }),
  ...databaseSettings,
};

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: NodeJS.ProcessEnv) {
  return loadConfig(settings, env);
}
