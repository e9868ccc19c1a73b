/**
 * The routing table: every request under `prefix` goes to the service `name`, path and query
 * unchanged apart from the leading /api (so /api/orders/42 becomes /orders/42 on the orders
 * service). Generated from the project's services; add a line when you add a service.
 */
export const ROUTES = [
  { name: 'users', prefix: '/api/users', defaultUrls: ['http://127.0.0.1:3001'] },
  { name: 'products', prefix: '/api/products', defaultUrls: ['http://127.0.0.1:3002'] },
  { name: 'orders', prefix: '/api/orders', defaultUrls: ['http://127.0.0.1:3003'] },
  { name: 'payments', prefix: '/api/payments', defaultUrls: ['http://127.0.0.1:3004'] },
] as const satisfies readonly Route[];

export interface Route {
  /** The service, as named in UPSTREAM_URLS, logs, metrics and health. */
  name: string;
  prefix: `/api/${string}`;
  /** Where the service's instances listen when everything runs on one machine (`npm run dev`). */
  defaultUrls: readonly string[];
}

/** The path on the service for a path under /api. */
export function upstreamPath(url: string): string {
  return url.slice('/api'.length);
}
