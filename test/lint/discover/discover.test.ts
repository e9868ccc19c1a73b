import { describe, expect, it } from 'vitest';
import { discover } from '../../../src/lint/discover/index.js';
import { fixture } from '../helpers.js';

describe('discover', () => {
  it('reads a polyglot compose repository: services, languages, infrastructure and who uses what', async () => {
    const model = await discover(fixture('microservices-compose'));
    expect(model.intent).toEqual({ pattern: 'microservices', source: 'arch.json', reason: 'recorded in arch.json' });
    expect(model.services.map((s) => `${s.name} ${s.dir} ${s.language}`)).toEqual([
      'catalog services/catalog python',
      'orders services/orders typescript',
      'payments services/payments go',
      'shipping services/shipping java',
    ]);
    expect(model.datastoreUses.map((u) => `${u.service}->${u.kind}:${u.host}/${u.database ?? '?'}`)).toEqual([
      'catalog->mongodb:catalog-db/catalog',
      'orders->postgres:orders-db/orders',
      'payments->postgres:payments-db/payments',
      'shipping->postgres:shipping-db/shipping',
    ]);
    expect(model.brokers.map((b) => `${b.kind}:${b.host}`)).toEqual(['kafka:kafka']);
    expect(model.services.map((s) => [s.name, s.tracing.length > 0, s.breakers.length > 0, s.health.length > 0])).toEqual([
      ['catalog', true, false, true],
      ['orders', true, true, true],
      ['payments', true, true, true],
      ['shipping', true, false, true],
    ]);
  });

  it('reads declared routes from Fastify, net/http and FastAPI source', async () => {
    const model = await discover(fixture('microservices-compose'));
    expect(model.services.map((s) => [s.name, s.routes])).toEqual([
      ['catalog', ['GET /health']],
      ['orders', ['GET /health/live', 'POST /orders']],
      ['payments', ['ANY /healthz']],
      ['shipping', []],
    ]);
  });

  it('tells producers from consumers where the source shows it', async () => {
    const model = await discover(fixture('microservices-compose'));
    expect(model.services.map((s) => `${s.name} ${s.produces.map((e) => `${e.file}:${e.line}`).join()} / ${s.consumes.map((e) => `${e.file}:${e.line}`).join()}`)).toEqual([
      'catalog  / ',
      'orders services/orders/src/events.ts:6 / ',
      'payments  / services/payments/consumer.go:12',
      'shipping  / ',
    ]);
  });

  it('treats workspace packages as libraries whose signals count for the services that use them', async () => {
    const model = await discover(fixture('rules/service-boundaries/pass'));
    expect(model.libraries).toEqual(['packages/contracts']);
    expect(model.services.map((s) => s.name)).toEqual(['billing', 'orders']);
  });

  it('infers the architecture when nothing records it, and says why', async () => {
    const model = await discover(fixture('microservices-legacy'));
    expect(model.intent).toEqual({ pattern: 'microservices', source: 'inferred', reason: '3 services, 0 of them on a message broker' });
  });

  it('reads the generated monolith as one service with a database and module imports', async () => {
    const model = await discover(fixture('generated-monolith'));
    expect(model.services.map((s) => `${s.name} ${s.dir === '' ? '.' : s.dir}`)).toEqual(['app .']);
    expect(model.imports.filter((i) => i.from === 'src/modules/billing/index.ts').map((i) => i.target)).toEqual(['src/modules/orders/index.ts', 'src/modules/billing/invoices.ts']);
  });

  it('lets the config override arch.json', async () => {
    const model = await discover(fixture('generated-monolith'), { architecture: 'microservices' });
    expect(model.intent.source).toBe('config');
  });
});
