import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archInitBin, archLintBin } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

// What a user does: generate with the built CLI, install, type-check, run the
// project's own tests, start it with no database server, and use it.
describe('a generated monolith', () => {
  let project: string;
  let server: ResultPromise | undefined;
  let base: string;

  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
  }

  async function waitForReady(timeoutMs: number): Promise<Response> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const response = await fetch(`${base}/health/ready`);
        if (response.status === 200) return response;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    project = join(tempDir('arch-init-e2e-'), 'shop');
  });

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
  });

  it('is generated and installed by the built arch-init', async () => {
    const result = await execa('node', [archInitBin, project, '--yes', '--install'], { env: { NO_COLOR: '1' } });
    expect(result.stdout).toContain('Created monolith project "shop"');
    expect(result.stderr).toMatch(/Installed dependencies in \d+s/);
  }, 300_000);

  it('type-checks', async () => {
    const result = await execa('npm', ['run', 'typecheck'], { cwd: project, reject: false });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  }, 120_000);

  it('passes its own tests (against real PostgreSQL too when REQUIRE_INFRA=1)', async () => {
    const result = await execa('npm', ['test', '--', '--reporter=verbose'], { cwd: project, reject: false, env: { NO_COLOR: '1' } });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(result.stdout).not.toMatch(/failed|skipped/);
    if (process.env.REQUIRE_INFRA === '1') expect(result.stdout).toContain('[postgres]');
  }, 300_000);

  it('passes arch-lint: every rule that applies to a monolith is green', async () => {
    const result = await execa('node', [archLintBin, project, '--format', 'json'], { reject: false });
    expect(result.exitCode, result.stdout).toBe(0);
    const report = JSON.parse(result.stdout) as { intent: { pattern: string }; rules: { id: string; status: string }[] };
    expect(report.intent.pattern).toBe('monolith');
    const notGreen = report.rules.filter((rule) => rule.status !== 'pass' && rule.status !== 'off');
    expect(notGreen).toEqual([]);
    expect(report.rules.filter((rule) => rule.status === 'pass').map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['service-boundaries', 'distributed-tracing', 'health-checks']),
    );
  });

  it('starts on an embedded PostgreSQL and answers ready', async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', PGLITE_DATA_DIR: join(project, '.data', 'e2e') };
    server = execa('npm', ['start'], { cwd: project, env, reject: false, detached: true });
    const ready = await waitForReady(120_000);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
  }, 180_000);

  it('creates then reads a record, and places an order across modules', async () => {
    const created = await post('/users', { name: 'Ada Lovelace' });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; name: string };
    const read = await fetch(`${base}/users/${user.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: user.id, name: 'Ada Lovelace' });

    const product = (await (await post('/products', { name: 'Keyboard', priceCents: 4_500 })).json()) as { id: string };
    const order = await post('/orders', { productId: product.id, quantity: 2 });
    expect(order.status).toBe(201);
    expect(await order.json()).toMatchObject({ productId: product.id, quantity: 2, totalCents: 9_000 });
  });

  it('serves Prometheus metrics and stops gracefully on SIGTERM', async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds');
    process.kill(-server!.pid!, 'SIGTERM');
    const result = await server!;
    expect(result.signal ?? result.exitCode).not.toBe('SIGKILL');
  }, 30_000);
});
