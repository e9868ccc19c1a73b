import { loadConfig, processSettings, ServiceUrl } from '@microservices/platform/config';
import { resilienceSettings } from '@microservices/platform/resilience/settings';
import { z } from 'zod';

import { ROUTES } from './routes.js';

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** "GET /api/users" → a method and a path prefix that need no token. */
const PublicRoute = z.string().regex(/^[A-Z]+ \/\S*$/, 'expected "METHOD /path-prefix", e.g. "GET /api/users"');

/**
 * "users=http://users:3001" → where one service runs, by name: its URL, or its instances'
 * joined by "|" ("users=http://10.0.0.5:3001|http://10.0.0.6:3001"), balanced over by the gateway.
 */
const UpstreamUrls = z.string().transform((entry, ctx) => {
  const [name = '', value = ''] = entry.split(/=(.*)/, 2);
  const urls = value.split('|').map((url) => url.trim());
  const known = ROUTES.some((route) => route.name === name);
  if (!known) ctx.addIssue({ code: 'custom', message: `no service named "${name}"` });
  else if (!urls.every((url) => ServiceUrl.safeParse(url).success)) ctx.addIssue({ code: 'custom', message: `${name}: expected http:// URLs joined by "|"` });
  return [name, urls] as const;
});

/** Every setting the gateway reads from the environment; README.md documents each one. */
const settings = {
  ...processSettings({ port: 8080, serviceName: 'gateway' }),
  ...resilienceSettings,
  // HS256 key that signs the tokens the gateway accepts. Required: there is no safe default.
  JWT_SECRET: z.string().min(32, 'expected at least 32 characters'),
  // Requests that need no token, by method and path prefix, e.g. "GET /api/users"; none by default.
  PUBLIC_ROUTES: list.pipe(z.array(PublicRoute)).default([]),
  // Per client (IP address): at most RATE_LIMIT_MAX requests in every RATE_LIMIT_WINDOW_MS.
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  // Larger request bodies are refused with 413 before they reach a service.
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  // Browser origins allowed to call the API, e.g. "https://shop.example.com"; none by default.
  CORS_ORIGINS: list.default([]),
  // Where each service is, e.g. "users=http://users:3001,…"; a service not named keeps its local default.
  UPSTREAM_URLS: list.pipe(z.array(UpstreamUrls)).transform((entries) => new Map(entries)).default(new Map()),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv) {
  return loadConfig(settings, env);
}
