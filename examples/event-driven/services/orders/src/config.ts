import { databaseSettings, loadConfig, processSettings } from '@event-driven/platform/config';
import { messagingSettings } from '@event-driven/platform/messaging/settings';

/** Every setting the service reads from the environment; README.md documents each one. */
const settings = {
  ...processSettings({ port: 3003, serviceName: 'orders' }),
  ...databaseSettings,
  ...messagingSettings({ namespace: 'event-driven' }),
};

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: NodeJS.ProcessEnv) {
  return loadConfig(settings, env);
}
