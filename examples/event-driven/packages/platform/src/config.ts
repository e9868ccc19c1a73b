import { z } from 'zod';

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

const portError = { error: 'expected a port number from 1 to 65535' };
export const Port = z.coerce.number(portError).int(portError).min(1, portError).max(65_535, portError);

/** An http(s) URL of another service. */
export const ServiceUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/**
 * Where another service runs, e.g. PRODUCTS_URL: its URL, or the URLs of its instances joined
 * by "|" (http://10.0.0.5:3002|http://10.0.0.6:3002), which the client balances over.
 */
export function serviceUrls(defaults: readonly string[]) {
  return z
    .string()
    .transform((value) => value.split('|').map((url) => url.trim()))
    .pipe(z.array(ServiceUrl).min(1))
    .default([...defaults]);
}

/** Settings every process reads: where it listens, how it logs and traces. */
export function processSettings(defaults: { port: number; serviceName: string }) {
  return {
    PORT: Port.default(defaults.port),
    // Loopback by default so a laptop run is not exposed to the network; containers set 0.0.0.0.
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: LogLevel.default('info'),
    // Unset: spans are still created (logs carry their ids) but not exported.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default(defaults.serviceName),
  };
}

/** Settings of a process that owns a database. */
export const databaseSettings = {
  // Unset: an embedded PostgreSQL (PGlite) starts in-process, so the service runs with no servers.
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
  // Where the embedded PostgreSQL keeps its data, relative to the service's folder; "memory://" keeps none.
  PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
};

/** A configuration problem the operator must fix; bootstrap prints its message alone, without a stack. */
export class ConfigError extends Error {}

export function loadConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv,
): z.infer<z.ZodObject<Shape>> {
  // `FOO=` in a .env file or compose file means "not set", not "set to the empty string".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = z.object(shape).safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}
