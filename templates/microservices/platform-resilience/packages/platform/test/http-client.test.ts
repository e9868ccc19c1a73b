import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';

import { loadConfig, serviceUrls } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { ServiceClient } from '../src/resilience/http-client.js';

const settings = { UPSTREAM_TIMEOUT_MS: 1_000, RETRY_ATTEMPTS: 1, BREAKER_FAILURE_THRESHOLD: 3, BREAKER_COOLDOWN_MS: 1_000 };

/** An instance of a service: answers every request with its own name, and readiness as told. */
class Instance {
  readonly server: Server;
  ready = true;
  calls = 0;

  constructor(readonly name: string) {
    this.server = createServer((request, response) => {
      if (request.url === '/health/ready') {
        response.writeHead(this.ready ? 200 : 503).end();
        return;
      }
      this.calls += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ instance: name }));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Gone for good: the port refuses connections, as when the process is killed. */
  async kill(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('ServiceClient over several instances', () => {
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.close()));
  });

  async function instances(count: number): Promise<{ instances: Instance[]; client: ServiceClient }> {
    const started = Array.from({ length: count }, (_, i) => new Instance(`instance-${i + 1}`));
    const urls = await Promise.all(started.map((instance) => instance.start()));
    for (const instance of started) open.push({ close: () => instance.kill().catch(() => undefined) });
    const client = new ServiceClient('orders', urls, settings, { logger: createLogger('silent'), registry: new Registry() });
    open.unshift(client);
    return { instances: started, client };
  }

  it('spreads calls over every instance', async () => {
    const { instances: [first, second], client } = await instances(2);
    for (let i = 0; i < 20; i++) expect((await client.json('GET', '/orders')).statusCode).toBe(200);
    expect(first!.calls).toBeGreaterThanOrEqual(5);
    expect(second!.calls).toBeGreaterThanOrEqual(5);
    expect(first!.calls + second!.calls).toBe(20);
  });

  it('answers every call, POSTs too, once an instance has died', async () => {
    const { instances: [first, second], client } = await instances(2);
    await client.json('GET', '/orders');
    await first!.kill();
    // Before any health poll has noticed: a refused call never left, so it is retried on the other.
    for (let i = 0; i < 10; i++) {
      const answer = await client.json('POST', '/orders', { item: i });
      expect(answer.body).toEqual({ instance: 'instance-2' });
    }
    expect(second!.calls).toBeGreaterThanOrEqual(10);
    expect(client.breakerState).toBe('closed');
  });

  it('takes an instance that is not ready out of the rotation, and back when it is', async () => {
    const { instances: [first, second], client } = await instances(2);
    first!.ready = false;
    const check = await client.checkReady(1_000);
    expect(check.up).toBe(true);
    expect(Object.values(check.instances ?? {})).toEqual(['down', 'up']);
    for (let i = 0; i < 6; i++) await client.json('GET', '/orders');
    expect(first!.calls).toBe(0);
    expect(second!.calls).toBe(6);

    first!.ready = true;
    expect(Object.values((await client.checkReady(1_000)).instances ?? {})).toEqual(['up', 'up']);
    for (let i = 0; i < 6; i++) await client.json('GET', '/orders');
    expect(first!.calls).toBeGreaterThan(0);
  });

  it('is down only when no instance is ready', async () => {
    const { instances: [first, second], client } = await instances(2);
    first!.ready = false;
    second!.ready = false;
    expect(await client.checkReady(1_000)).toMatchObject({ up: false, reason: 'no instance is ready' });
  });
});

describe('serviceUrls', () => {
  const settingsOf = { PRODUCTS_URL: serviceUrls(['http://127.0.0.1:3002']) };

  it('reads one URL, or several joined by "|"', () => {
    expect(loadConfig(settingsOf, {}).PRODUCTS_URL).toEqual(['http://127.0.0.1:3002']);
    expect(loadConfig(settingsOf, { PRODUCTS_URL: 'http://a:3002|http://b:3002' }).PRODUCTS_URL).toEqual(['http://a:3002', 'http://b:3002']);
  });

  it('names the variable when one of the URLs is not http', () => {
    expect(() => loadConfig(settingsOf, { PRODUCTS_URL: 'http://a:3002|ftp://b' })).toThrow(/^invalid environment: PRODUCTS_URL/);
  });
});
