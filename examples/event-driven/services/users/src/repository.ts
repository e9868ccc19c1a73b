import type { Queryable } from '@event-driven/platform/db/database';

import type { User, NewUser } from './schema.js';

// The columns under the property names of User, so a row needs no mapping.
const COLUMNS = 'id, name, created_at AS "createdAt"';

// There is no pagination yet: a list returns at most this many, oldest first.
const LIST_LIMIT = 100;

export async function insertUser(db: Queryable, input: NewUser): Promise<User> {
  const { rows } = await db.query<User>(
    `INSERT INTO "users" (name) VALUES ($1) RETURNING ${COLUMNS}`,
    [input.name],
  );
  return rows[0]!; // INSERT … RETURNING yields the inserted row
}

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<User>(`SELECT ${COLUMNS} FROM "users" WHERE id = $1`, [id]);
  return rows[0];
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const { rows } = await db.query<User>(
    `SELECT ${COLUMNS} FROM "users" ORDER BY created_at, id LIMIT ${LIST_LIMIT}`,
  );
  return rows;
}
