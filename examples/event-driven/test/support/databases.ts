import { randomUUID } from 'node:crypto';

import pg from 'pg';

/**
 * One new database per service on the test PostgreSQL (database per service, as in production),
 * and a function that drops them all again.
 */
export async function createDatabases<Name extends string>(
  baseUrl: string,
  names: readonly Name[],
): Promise<{ urls: Map<Name, string>; drop(): Promise<void> }> {
  const run = randomUUID().slice(0, 8);
  const databases = new Map(names.map((name) => [name, `e2e_${run}_${name.replaceAll('-', '_')}`]));
  await admin(baseUrl, async (client) => {
    for (const database of databases.values()) await client.query(`CREATE DATABASE "${database}"`);
  });
  const urls = new Map(
    [...databases].map(([name, database]) => {
      const url = new URL(baseUrl);
      url.pathname = `/${database}`;
      return [name, url.toString()];
    }),
  );
  return {
    urls,
    drop: () =>
      admin(baseUrl, async (client) => {
        // FORCE: a killed service may have left a connection behind.
        for (const database of databases.values()) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }),
  };
}

async function admin(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
