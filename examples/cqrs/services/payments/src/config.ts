import { databaseSettings, loadConfig, processSettings } from '@cqrs/platform/config';
import { messagingSettings } from '@cqrs/platform/messaging/settings';
import { z } from 'zod';

/** Every setting the service reads from the environment; README.md documents each one. */
const settings = {
  ...processSettings({ port: 3004, serviceName: 'payments' }),
  ...databaseSettings,
  ...messagingSettings({ namespace: 'cqrs' }),
  // The example's card processor declines any charge above this, in cents; that failure is what
  // makes the order saga compensate.
  PAYMENT_LIMIT_CENTS: z.coerce.number().int().positive().default(100_000),
};

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: NodeJS.ProcessEnv) {
  return loadConfig(settings, env);
}
