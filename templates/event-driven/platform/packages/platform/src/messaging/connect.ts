import type { Logger } from 'pino';

import { ConfigError } from '../config.js';
import type { EventBus } from './bus.js';
import { sharedInProcessBus } from './in-process.js';

export interface BusOptions {
  /** Names the exchange, stream or topic (BROKER_NAMESPACE). */
  name: string;
  logger: Logger;
}

/**
 * The bus BROKER_URL names, or without one the in-process bus shared by the services of this
 * process. A broker's client is imported only when it is used, so a service loads one of them.
 */
export async function connectBus(url: string | undefined, options: BusOptions): Promise<EventBus> {
  if (url === undefined) return sharedInProcessBus();
  const parsed = new URL(url);
  switch (parsed.protocol) {
    case 'amqp:':
    case 'amqps:':
      return (await import('./rabbitmq.js')).connect(parsed, options);
    case 'nats:':
      return (await import('./nats.js')).connect(parsed, options);
    case 'kafka:':
      return (await import('./kafka.js')).connect(parsed, options);
    default:
      throw new ConfigError(`BROKER_URL: expected amqp://, amqps://, nats:// or kafka://, not ${parsed.protocol}//`);
  }
}
