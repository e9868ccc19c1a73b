import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const portError = { error: 'expected a port number from 1 to 65535' };
const Port = z.coerce.number(portError).int(portError).min(1, portError).max(65_535, portError);

/** Every setting the app reads from the environment; README.md documents each one. */
const ConfigSchema = z.object({
  PORT: Port.default(3000),
  // Loopback by default so a laptop run is not exposed to the network; the container sets 0.0.0.0.
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: LogLevel.default('info'),
  // Unset: an embedded PostgreSQL (PGlite) starts in-process, so the app runs with no servers.
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
  // Where the embedded PostgreSQL keeps its data; "memory://" keeps it in memory only.
  PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
  // Unset: spans are still created (logs carry their ids) but not exported.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('monolith'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A configuration problem the operator must fix; main.ts prints its message alone, without a stack. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // `FOO=` in a .env file or compose file means "not set", not "set to the empty string".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}
