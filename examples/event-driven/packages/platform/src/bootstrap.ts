import { ConfigError } from './config.js';
import { startTracing, type Tracing, type TracingSettings } from './telemetry.js';

/**
 * The start of every process: configuration first (a bad setting is one clear line and exit
 * code 2, before anything starts), then tracing, then `start`, which must import the server
 * dynamically so that tracing is in place to instrument fastify, undici and pg as they load.
 */
export async function bootstrap<Config extends TracingSettings>(
  loadConfig: (env: NodeJS.ProcessEnv) => Config,
  start: (config: Config, tracing: Tracing) => Promise<void>,
  tracingOptions?: Parameters<typeof startTracing>[1],
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  await start(config, startTracing(config, tracingOptions));
}
