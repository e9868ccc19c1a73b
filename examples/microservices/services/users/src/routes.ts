import { NotFoundError } from '@microservices/platform/errors';
import { IdParams, parseInput } from '@microservices/platform/http/validation';
import type { FastifyPluginAsync } from 'fastify';

import type { AppDependencies } from './app.js';
import { findUserById, insertUser, listUsers } from './repository.js';
import { NewUserSchema } from './schema.js';

/** POST / creates, GET /:id reads one, GET / lists; app.ts mounts them under /users. */
export function usersRoutes({ db }: AppDependencies): FastifyPluginAsync {
  // Named, because Fastify names the plugin, and traces its handler spans, after the function.
  return async function usersRoutes(app) {
    app.post('/', async (request, reply) => {
      const created = await insertUser(db, parseInput(NewUserSchema, request.body));
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
