import { bootstrap } from '@cqrs/platform/bootstrap';

import { loadGatewayConfig } from './config.js';

await bootstrap(
  loadGatewayConfig,
  async (config, tracing) => {
    const { startServer } = await import('./server.js');
    await startServer(config, tracing);
  },
  // The gateway makes its spans itself (see tracing.ts).
  { instrument: false },
);
