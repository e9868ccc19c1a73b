import { readFileSync, writeFileSync } from 'node:fs';
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

  // The strangler fig: the guide's step from a monolith to services, once boundaries are clear.
  describe('then split: products and payments become services behind a gateway', () => {
    const processes: ResultPromise[] = [];
    const urls = new Map<string, string>();
    let token: string;

    afterAll(() => {
      for (const child of processes) if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    });

    const start = async (name: string, args: string[], env: Record<string, string>): Promise<string> => {
      const port = await freePort();
      const child = execa('npm', args, { cwd: project, env: { PORT: String(port), HOST: '127.0.0.1', ...env }, reject: false, detached: true });
      processes.push(child);
      const url = `http://127.0.0.1:${port}`;
      urls.set(name, url);
      base = url;
      await waitForReady(120_000);
      return url;
    };

    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${urls.get('gateway')}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });

    it('is split by the built arch-init, keeping the user\'s edits in the module it moves', async () => {
      const routes = join(project, 'src/modules/products/routes.ts');
      writeFileSync(
        routes,
        readFileSync(routes, 'utf8').replace(
          "    app.get('/', async () => api.list());",
          "    app.get('/', async () => api.list());\n\n    // Ours: how many there are.\n    app.get('/count', async () => ({ count: (await api.list()).length }));",
        ),
      );
      for (const module of ['products', 'payments']) {
        const result = await execa('node', [archInitBin, 'split', module, '--dir', project], { env: { NO_COLOR: '1' } });
        expect(result.stdout).toContain(`Split module ${module} of`);
      }
      expect(readFileSync(join(project, 'services/products/src/routes.ts'), 'utf8')).toContain("app.get('/count'");
      const install = await execa('npm', ['install', '--no-audit', '--no-fund'], { cwd: project, reject: false });
      expect(install.exitCode, install.stderr).toBe(0);
    }, 300_000);

    it('type-checks, the monolith and every workspace', async () => {
      const result = await execa('npm', ['run', 'typecheck'], { cwd: project, reject: false });
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    }, 180_000);

    it('passes its own tests: the monolith against the running services, and each workspace', async () => {
      const result = await execa('npm', ['test'], { cwd: project, reject: false, env: { NO_COLOR: '1' } });
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('split-services.test.ts');
      expect(result.stdout).not.toMatch(/failed|skipped/);
    }, 600_000);

    it('passes arch-lint, and its report shows the gateway and both services', async () => {
      const result = await execa('node', [archLintBin, project, '--format', 'json'], { reject: false });
      expect(result.exitCode, result.stdout).toBe(0);
      const report = JSON.parse(result.stdout) as { rules: { id: string; status: string }[]; services: { name: string; gateway: boolean }[] };
      expect(report.rules.filter((rule) => rule.status !== 'pass' && rule.status !== 'off')).toEqual([]);
      expect(report.services.map((service) => service.name)).toEqual(expect.arrayContaining(['gateway', 'products', 'payments']));
    });

    it('runs as separate processes: requests through the gateway reach the service or the monolith', async () => {
      const build = await execa('npm', ['run', 'build'], { cwd: project, reject: false });
      expect(build.exitCode, build.stdout + build.stderr).toBe(0);
      const secret = 'an-e2e-secret-of-at-least-32-characters';
      const products = await start('products', ['start', '-w', 'services/products'], { PGLITE_DATA_DIR: 'memory://' });
      const payments = await start('payments', ['start', '-w', 'services/payments'], { PGLITE_DATA_DIR: 'memory://' });
      const monolith = await start('monolith', ['start'], {
        PGLITE_DATA_DIR: join(project, '.data', 'e2e-split'),
        PRODUCTS_URL: products,
        PAYMENTS_URL: payments,
        BREAKER_COOLDOWN_MS: '60000',
      });
      await start('gateway', ['start', '-w', 'gateway'], {
        JWT_SECRET: secret,
        UPSTREAM_URLS: `users=${monolith},orders=${monolith},products=${products},payments=${payments}`,
      });
      token = (await execa('npm', ['run', '-s', 'token'], { cwd: project, env: { JWT_SECRET: secret } })).stdout.trim();

      const product = await api('/api/products', { method: 'POST', body: JSON.stringify({ name: 'Keyboard', priceCents: 4_500 }) });
      expect(product.status).toBe(201);
      const { id } = (await product.json()) as { id: string };
      expect(await (await fetch(`${products}/products/count`)).json()).toEqual({ count: 1 });

      const order = await api('/api/orders', { method: 'POST', body: JSON.stringify({ productId: id, quantity: 2 }) });
      expect(order.status).toBe(201);
      const placed = (await order.json()) as { id: string; totalCents: number };
      expect(placed.totalCents).toBe(9_000);
      const charges = (await (await api('/api/payments')).json()) as { orderId: string }[];
      expect(charges).toContainEqual(expect.objectContaining({ orderId: placed.id, amountCents: 9_000 }));
    }, 300_000);

    it('answers an order with a fast 503 while the products service is down', async () => {
      const productsProcess = processes[0]!;
      process.kill(-productsProcess.pid!, 'SIGTERM');
      await productsProcess;
      let status = 0;
      for (let attempt = 0; attempt < 10 && status !== 503; attempt++) {
        const started = performance.now();
        const order = await api('/api/orders', { method: 'POST', body: JSON.stringify({ productId: crypto.randomUUID(), quantity: 1 }) });
        status = order.status;
        expect(performance.now() - started).toBeLessThan(5_000);
      }
      expect(status).toBe(503);
    }, 60_000);
  });
});
