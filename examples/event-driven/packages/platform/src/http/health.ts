import type { FastifyInstance } from 'fastify';

/** What the readiness check found: whether to send traffic here, and the details behind it. */
export interface Readiness {
  ready: boolean;
  /** Ready, but something it depends on is not: shown as status "degraded". */
  degraded?: boolean;
  details: Record<string, unknown>;
}

/**
 * Liveness says the process can answer (restart it if not); readiness says it can do useful work
 * (send it traffic only if so), as decided by `check`. The details are in the body either way,
 * so an operator sees why.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  check: () => Promise<Readiness>,
  readyPaths: readonly string[] = ['/health/ready'],
): void {
  app.get('/health/live', async () => ({ status: 'ok' }));

  for (const path of readyPaths) {
    app.get(path, async (request, reply) => {
      const { ready, degraded = false, details } = await check();
      if (ready) return { status: degraded ? 'degraded' : 'ok', ...details };
      request.log.warn({ details }, 'not ready');
      return reply.code(503).send({ status: 'unavailable', ...details });
    });
  }
}

/** A readiness detail for a dependency that may throw: "ok", or why not. */
export async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; status: string }> {
  try {
    await check();
    return { ok: true, status: 'ok' };
  } catch (error) {
    return { ok: false, status: `unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
