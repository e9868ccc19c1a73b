import { registerHealthRoutes } from '@microservices/platform/http/health';
import type { ServiceClient } from '@microservices/platform/resilience/http-client';
import type { FastifyInstance } from 'fastify';

// A health poll must answer quickly even when a service hangs.
const UPSTREAM_CHECK_TIMEOUT_MS = 1_000;

/**
 * Liveness, and an aggregated view of every service at /health (also /health/ready): whether it
 * answers its own readiness check (for a service of several instances, each instance's answer),
 * and the state of the gateway's breaker for it. The gateway
 * stays ready while a service is down (status "degraded"): it still routes to the others, and
 * answers for the missing one with fast 503s.
 */
export function registerGatewayHealth(app: FastifyInstance, clients: ReadonlyMap<string, ServiceClient>): void {
  registerHealthRoutes(
    app,
    async () => {
      const checks = await Promise.all(
        [...clients.values()].map(async (client) => {
          const { up, reason, instances } = await client.checkReady(UPSTREAM_CHECK_TIMEOUT_MS);
          const summary = {
            status: up ? 'up' : 'down',
            breaker: client.breakerState,
            ...(reason === undefined ? {} : { reason }),
            ...(instances === undefined ? {} : { instances }),
          };
          return [client.name, summary] as const;
        }),
      );
      return {
        ready: true,
        degraded: checks.some(([, check]) => check.status === 'down'),
        details: { upstreams: Object.fromEntries(checks) },
      };
    },
    ['/health', '/health/ready'],
  );
}
