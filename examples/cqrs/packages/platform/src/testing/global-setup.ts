import { Admin } from '@platformatic/kafka';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats } from '@nats-io/transport-node';
import amqp from 'amqplib';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

import type {} from './provided-context.js';

/** The PostgreSQL that the [postgres] suites use unless TEST_DATABASE_URL names another. */
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The brokers that the [rabbitmq] and [nats] suites use unless TEST_RABBITMQ_URL / TEST_NATS_URL name others. */
const DEFAULT_TEST_RABBITMQ_URL = 'amqp://guest:guest@127.0.0.1:5672';
const DEFAULT_TEST_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * Decides once per run whether the suites also run against real servers: each found through its
 * TEST_*_URL variable, or on its default local port. When one is unreachable its suites are
 * skipped with a warning, or, with REQUIRE_INFRA=1 (CI), the run fails.
 */
export default async function setup(project: TestProject): Promise<void> {
  const [postgresUrl, rabbitmqUrl, natsUrl, kafkaUrl] = await Promise.all([
    findTestPostgres(),
    findServer({ server: 'RabbitMQ', suites: '[rabbitmq]', variable: 'TEST_RABBITMQ_URL', fallback: DEFAULT_TEST_RABBITMQ_URL, probe: probeRabbitMq }),
    findServer({ server: 'NATS JetStream', suites: '[nats]', variable: 'TEST_NATS_URL', fallback: DEFAULT_TEST_NATS_URL, probe: probeNats }),
    findTestKafka(),
  ]);
  project.provide('postgresUrl', postgresUrl);
  project.provide('rabbitmqUrl', rabbitmqUrl);
  project.provide('natsUrl', natsUrl);
  project.provide('kafkaUrl', kafkaUrl);
}

export async function findTestPostgres(): Promise<string | null> {
  return findServer({ server: 'PostgreSQL', suites: '[postgres]', variable: 'TEST_DATABASE_URL', fallback: DEFAULT_TEST_DATABASE_URL, probe: probePostgres });
}

/**
 * Kafka is not assumed to run locally: no default address is probed, so without TEST_KAFKA_URL
 * the [kafka] suites are skipped even with REQUIRE_INFRA=1.
 */
async function findTestKafka(): Promise<string | null> {
  if (process.env.TEST_KAFKA_URL) return findServer({ server: 'Kafka', suites: '[kafka]', variable: 'TEST_KAFKA_URL', fallback: '', probe: probeKafka });
  console.warn('Kafka: TEST_KAFKA_URL is not set and no local Kafka is assumed: skipping the [kafka] suites, even with REQUIRE_INFRA=1.');
  return null;
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

async function probeRabbitMq(url: string): Promise<void> {
  const connection = await amqp.connect(url, { timeout: 3_000 });
  await connection.close();
}

async function probeNats(url: string): Promise<void> {
  const { host } = new URL(url);
  const nc = await connectNats({ servers: host, timeout: 3_000 });
  try {
    await jetstreamManager(nc); // fails when the server runs without JetStream
  } finally {
    await nc.close();
  }
}

async function probeKafka(url: string): Promise<void> {
  const { host } = new URL(url);
  const admin = new Admin({ clientId: 'test-probe', bootstrapBrokers: [host], timeout: 3_000, retries: 0 });
  try {
    await admin.metadata({ topics: [] });
  } finally {
    await admin.close();
  }
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
