import type { FastifyInstance } from 'fastify';

import type { Database } from '../db/database.js';

/**
 * Liveness says the process can answer (restart it if not); readiness says it can do useful work
 * (send it traffic only if so), which here means the database answers.
 */
export function registerHealthRoutes(app: FastifyInstance, db: Database): void {
  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (request, reply) => {
    try {
      await db.ping();
      return { status: 'ok' };
    } catch (error) {
      const reason = `database unreachable: ${error instanceof Error ? error.message : String(error)}`;
      request.log.warn({ reason }, 'not ready');
      return reply.code(503).send({ status: 'unavailable', reason });
    }
  });
}
