import { ConfigError, loadConfig, type Config } from './config.js';
import { startTracing } from './telemetry.js';

// Configuration first: a bad setting is one clear line and exit code 2, before anything starts.
let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(2);
}

const tracing = startTracing(config);

// Imported only now, so that tracing is in place to instrument fastify and pg as they load.
const { startServer } = await import('./server.js');
await startServer(config, tracing);
