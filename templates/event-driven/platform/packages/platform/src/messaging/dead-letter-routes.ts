import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';

import { parseInput } from '../http/validation.js';
import type { DeadLetter, ReplayResult } from './dead-letters.js';

/** A consumer's dead letters, as its admin endpoints see them. */
export interface DeadLetters {
  listDeadLetters(): Promise<DeadLetter[]>;
  replayDeadLetter(eventId: string): Promise<ReplayResult>;
}

const EventIdParams = z.object({ eventId: z.uuid({ error: 'expected an event id (a UUID)' }) });

/**
 * GET / lists the events this service's consumer gave up on, with their errors; POST
 * /:eventId/replay runs one again once its cause is fixed (200 when applied, 409 with the new
 * error when it failed again, 404 when there is no such dead letter).
 */
export function deadLetterRoutes(deadLetters: DeadLetters): FastifyPluginAsync {
  return async function deadLetterRoutes(app) {
    app.get('/', async () => deadLetters.listDeadLetters());

    app.post('/:eventId/replay', async (request, reply) => {
      const { eventId } = parseInput(EventIdParams, request.params);
      const result = await deadLetters.replayDeadLetter(eventId);
      return reply.code(result.outcome === 'failed' ? 409 : 200).send(result);
    });
  };
}
