import { NotFoundError } from '@event-driven/platform/errors';
import { IdParams, parseInput } from '@event-driven/platform/http/validation';
import { appendToOutbox } from '@event-driven/platform/messaging/outbox';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { userCreated } from './events.js';
import { findUserById, insertUser, listUsers } from './repository.js';
import { NewUserSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /users. */
export function usersRoutes({ db, outbox }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function usersRoutes(app) {
    /** Creates the record and, in the same transaction, the event that announces it. */
    app.post('/', async (request, reply) => {
      const input = parseInput(NewUserSchema, request.body);
      const created = await db.transaction(async (tx) => {
        const record = await insertUser(tx, input);
        await appendToOutbox(tx, [userCreated(record)]);
        return record;
      });
      outbox.notify();
      return reply.code(201).header('location', `/users/${created.id}`).send(created);
    });

    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const found = await findUserById(db, id);
      if (found === undefined) throw new NotFoundError(`no record in users with id ${id}`);
      return found;
    });

    app.get('/', async () => listUsers(db));
  };
}
