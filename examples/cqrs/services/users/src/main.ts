import { bootstrap } from '@cqrs/platform/bootstrap';

import { loadServiceConfig } from './config.js';

await bootstrap(loadServiceConfig, async (config, tracing) => {
  const { startServer } = await import('./server.js');
  await startServer(config, tracing);
});
