// The public interface of the users module: other modules import this file and no other
// file of src/modules/users/.

import type { FastifyPluginAsync } from 'fastify';

import type { Database, Queryable } from '../../db/database.js';
import { findUserById, insertUser, listUsers } from './repository.js';
import { createUsersRoutes } from './routes.js';
import type { User, NewUser } from './schema.js';

export type { User, NewUser };

/** Each operation runs on the database, or inside a caller's transaction when given its `tx`. */
export interface UsersApi {
  create(input: NewUser, tx?: Queryable): Promise<User>;
  getById(id: string, tx?: Queryable): Promise<User | undefined>;
  list(tx?: Queryable): Promise<User[]>;
}

export interface UsersModule {
  api: UsersApi;
  /** HTTP routes; app.ts mounts them under /users. */
  routes: FastifyPluginAsync;
}

export function createUsersModule({ db }: { db: Database }): UsersModule {
  const api: UsersApi = {
    create: (input, tx = db) => insertUser(tx, input),
    getById: (id, tx = db) => findUserById(tx, id),
    list: (tx = db) => listUsers(tx),
  };
  return { api, routes: createUsersRoutes(api) };
}
