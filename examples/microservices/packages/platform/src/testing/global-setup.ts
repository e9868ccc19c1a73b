import pg from 'pg';
import type { TestProject } from 'vitest/node';

import type {} from './provided-context.js';

/** The PostgreSQL that the [postgres] suites use unless TEST_DATABASE_URL names another. */
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Decides once per run whether the suites also run against real servers: each found through its
 * TEST_*_URL variable, or on its default local port. When one is unreachable its suites are
 * skipped with a warning, or, with REQUIRE_INFRA=1 (CI), the run fails.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('postgresUrl', await findTestPostgres());
}

export async function findTestPostgres(): Promise<string | null> {
  return findServer({ server: 'PostgreSQL', suites: '[postgres]', variable: 'TEST_DATABASE_URL', fallback: DEFAULT_TEST_DATABASE_URL, probe: probePostgres });
}


/** The server's URL when it answers; otherwise null and a warning, or with REQUIRE_INFRA=1 an error. */
async function findServer(target: {
  server: string;
  suites: string;
  variable: string;
  fallback: string;
  probe(url: string): Promise<void>;
}): Promise<string | null> {
  const url = process.env[target.variable] || target.fallback;
  let problem: string;
  try {
    await target.probe(url);
    return url;
  } catch (error) {
    problem = error instanceof Error ? error.message || error.name : String(error);
  }
  const message = `${target.server} at ${redact(url)} is unreachable (${problem})`;
  if (process.env.REQUIRE_INFRA === '1') throw new Error(`${message}, and REQUIRE_INFRA=1 requires it`);
  console.warn(`${message}: skipping the ${target.suites} suites; set ${target.variable} to run them.`);
  return null;
}

async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined); // nothing to close when connect failed
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
