import { createServer } from 'node:net';

import { createRegistry } from '@cqrs/platform/http/metrics';
import { ServiceClient } from '@cqrs/platform/resilience/http-client';
import { startTracing } from '@cqrs/platform/telemetry';
import { silentLogger } from '@cqrs/platform/testing/backends';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildGateway, type GatewayDependencies } from '../src/app.js';
import { ROUTES } from '../src/routes.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const FIRST = ROUTES[0];

const config: GatewayDependencies['config'] = {
  JWT_SECRET: SECRET,
  PUBLIC_ROUTES: [`GET ${FIRST.prefix}/public`],
  RATE_LIMIT_MAX: 1_000,
  RATE_LIMIT_WINDOW_MS: 60_000,
  BODY_LIMIT_BYTES: 1_024,
  CORS_ORIGINS: ['https://app.example.com'],
};

const resilience = { UPSTREAM_TIMEOUT_MS: 500, RETRY_ATTEMPTS: 0, BREAKER_FAILURE_THRESHOLD: 2, BREAKER_COOLDOWN_MS: 60_000 };

// Spans and W3C propagation as in the running gateway (nothing is exported).
const tracing = startTracing({ OTEL_SERVICE_NAME: 'gateway' }, { instrument: false });
afterAll(() => tracing.shutdown());

/** A stand-in for every service: answers with what it received. */
let upstream: FastifyInstance;
let upstreamUrl: string;

beforeAll(async () => {
  upstream = Fastify();
  upstream.removeAllContentTypeParsers();
  upstream.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  upstream.all('/*', async (request, reply) =>
    reply.code(request.method === 'POST' ? 201 : 200).send({ method: request.method, url: request.url, headers: request.headers, body: request.body ?? null }),
  );
  upstream.get('/health/ready', async () => ({ status: 'ok' }));
  upstreamUrl = await upstream.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => upstream.close());

/** A gateway whose services are all the stand-in, or all at `url`. */
async function gateway(overrides: Partial<GatewayDependencies['config']> = {}, url = upstreamUrl) {
  const registry = createRegistry();
  const clients = new Map(
    ROUTES.map((route) => [route.name, new ServiceClient(route.name, [url], resilience, { logger: silentLogger, registry })] as const),
  );
  const app = await buildGateway({ config: { ...config, ...overrides }, clients, logger: silentLogger, registry });
  app.addHook('onClose', async () => {
    await Promise.all([...clients.values()].map((client) => client.close()));
  });
  return app;
}

function token(claims: { expiresAt?: number; secret?: string } = {}): Promise<string> {
  return new SignJWT()
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setExpirationTime(claims.expiresAt ?? '5m')
    .sign(new TextEncoder().encode(claims.secret ?? SECRET));
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await gateway();
  });
  afterAll(() => app.close());

  it.each([
    ['missing', undefined],
    ['not a bearer token', 'Basic dXNlcjpwYXNz'],
    ['malformed', 'Bearer not.a.jwt'],
    ['signed with another secret', async () => `Bearer ${await token({ secret: 'another-secret-0123456789abcdef01234' })}`],
    ['expired', async () => `Bearer ${await token({ expiresAt: Math.floor(Date.now() / 1000) - 10 })}`],
    ['alg none', `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'user-1', exp: 9_999_999_999 })}.`],
    ['without exp', async () => `Bearer ${await new SignJWT().setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').sign(new TextEncoder().encode(SECRET))}`],
  ])('rejects a token that is %s with 401', async (_case, header) => {
    const authorization = typeof header === 'function' ? await header() : header;
    const response = await app.inject({ url: FIRST.prefix, headers: authorization === undefined ? {} : { authorization } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ error: 'Unauthorized' });
  });

  it('lets a valid token through to the service, and a public route without one', async () => {
    expect((await app.inject({ url: FIRST.prefix, headers: { authorization: `Bearer ${await token()}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: `${FIRST.prefix}/public` })).statusCode).toBe(200);
  });
});

describe('routing', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await gateway();
  });
  afterAll(() => app.close());

  it.each(ROUTES.map((route) => [route.prefix, route.name]))('sends %s/… to the %s service, path and query intact', async (prefix, name) => {
    const response = await app.inject({
      url: `${prefix}/42?sort=name`,
      headers: { authorization: `Bearer ${await token()}`, 'x-request-id': 'req-7' },
    });
    expect(response.statusCode).toBe(200);
    const seen = response.json<{ url: string; headers: Record<string, string> }>();
    expect(seen.url).toBe(`/${name}/42?sort=name`);
    // The service learns who is calling and which request this is, but never sees the token.
    expect(seen.headers).toMatchObject({ 'x-user-id': 'user-1', 'x-request-id': 'req-7' });
    expect(seen.headers).not.toHaveProperty('authorization');
    expect(response.headers['x-request-id']).toBe('req-7');
  });

  it("continues the caller's trace: the service receives the same trace id", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await app.inject({
      url: FIRST.prefix,
      headers: { authorization: `Bearer ${await token()}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const seen = response.json<{ headers: Record<string, string> }>();
    expect(seen.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('passes a body on as it came, and answers with the service status', async () => {
    const response = await app.inject({
      method: 'POST',
      url: FIRST.prefix,
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      payload: '{"name":"x"}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ body: '{"name":"x"}', headers: { 'content-type': 'application/json' } });
  });

  it('refuses a body over the limit with 413, before the service', async () => {
    const response = await app.inject({
      method: 'POST',
      url: FIRST.prefix,
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2_000) }),
    });
    expect(response.statusCode).toBe(413);
  });

  it('sets security headers and answers CORS preflights for allowed origins only', async () => {
    const allowed = await app.inject({
      method: 'OPTIONS',
      url: FIRST.prefix,
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await app.inject({
      method: 'OPTIONS',
      url: FIRST.prefix,
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(other.headers).not.toHaveProperty('access-control-allow-origin');

    const response = await app.inject({ url: '/health/live' });
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the limit, per client', async () => {
    const app = await gateway({ RATE_LIMIT_MAX: 3 });
    try {
      const headers = { authorization: `Bearer ${await token()}` };
      for (let i = 0; i < 3; i++) expect((await app.inject({ url: FIRST.prefix, headers })).statusCode).toBe(200);
      const limited = await app.inject({ url: FIRST.prefix, headers });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another client has its own allowance.
      expect((await app.inject({ url: FIRST.prefix, headers, remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
      // Health checks are not API traffic and are never limited.
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('a service that is down', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await gateway({}, `http://127.0.0.1:${await closedPort()}`);
  });
  afterAll(() => app.close());

  it('is answered with a fast 503, then by the open breaker, and shown in the aggregated health', async () => {
    const headers = { authorization: `Bearer ${await token()}` };
    const first = await app.inject({ url: FIRST.prefix, headers });
    expect(first.statusCode).toBe(503);
    expect(first.json()).toMatchObject({ message: `${FIRST.name} is unreachable (ECONNREFUSED)` });

    await app.inject({ url: FIRST.prefix, headers }); // the second failure opens the circuit (threshold 2)
    const open = await app.inject({ url: FIRST.prefix, headers });
    expect(open.statusCode).toBe(503);
    expect(open.json()).toMatchObject({ message: `${FIRST.name} is unavailable (circuit open)` });
    expect(open.headers['retry-after']).toBe('60');

    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'degraded',
      upstreams: { [FIRST.name]: { status: 'down', breaker: 'open', reason: 'ECONNREFUSED' } },
    });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain(`circuit_breaker_state{upstream="${FIRST.name}"} 2`);
  });
});

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  await new Promise((resolve) => server.close(resolve));
  return address.port;
}
