import pg from 'pg';
import type { TestProject } from 'vitest/node';

import type {} from './provided-context.js';

/** The PostgreSQL that the [postgres] suites use unless TEST_DATABASE_URL names another. */
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Decides once per run whether the suites also run against a real PostgreSQL: TEST_DATABASE_URL,
 * or a local one on the default port. When it is unreachable the [postgres] suites are skipped
 * with a warning, or, with REQUIRE_INFRA=1 (CI), the run fails.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('postgresUrl', await findTestPostgres());
}

export async function findTestPostgres(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const problem = await probe(url);
  if (problem === undefined) return url;
  const message = `PostgreSQL at ${redact(url)} is unreachable (${problem})`;
  if (process.env.REQUIRE_INFRA === '1') throw new Error(`${message}, and REQUIRE_INFRA=1 requires it`);
  console.warn(`${message}: skipping the [postgres] suites; set TEST_DATABASE_URL to run them.`);
  return null;
}

async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined); // nothing to close when connect failed
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
