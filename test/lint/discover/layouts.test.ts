import { describe, expect, it } from 'vitest';
import { discover } from '../../../src/lint/discover/index.js';
import { brief, fixture, lintFixture } from '../helpers.js';

describe('repository layouts', () => {
  it('.NET solution: web projects are services, shared projects libraries whose tracing and health they inherit; a tooling root and an Aspire host are neither', async () => {
    const model = await discover(fixture('dotnet-solution'));
    expect(model.services.map((s) => `${s.name} ${s.dir}`)).toEqual(['Basket.API src/Basket.API', 'Orders.API src/Orders.API']);
    expect(model.libraries).toEqual(['src/ServiceDefaults']);
    const result = await lintFixture('dotnet-solution');
    expect(brief(result.findings)).toEqual(['api-gateway/missingGateway - src/Basket.API/Basket.API.csproj:1', 'async-messaging/noBroker - src/Basket.API/Basket.API.csproj:1']);
  });

  it('Kubernetes overlays: one service from the same workload in several files; a stock Redis workload is a datastore', async () => {
    const model = await discover(fixture('k8s-overlays'));
    expect(model.services.map((s) => `${s.name} ${s.dir} ${s.workload?.probes.join('+')}`)).toEqual(['cart services/cart livenessProbe']);
    expect(model.datastores.map((d) => `${d.kind}:${d.host}`)).toEqual(['redis:redis-cart']);
    expect(model.datastoreUses.map((u) => `${u.service}->${u.host}/${u.database}`)).toEqual(['cart->redis-cart/0']);
  });
});

describe('Spring Cloud layout', () => {
  it('matches image-only compose services to the Maven modules that build them; a customised Grafana image is no service', async () => {
    const model = await discover(fixture('spring-cloud'));
    expect(model.services.map((s) => `${s.name} ${s.dir}`)).toEqual(['config-server shop-config-server', 'customers-service shop-customers-service']);
  });

  it('does not count fetching configuration from the config server as a call that needs a breaker', async () => {
    const result = await lintFixture('spring-cloud');
    expect(brief(result.findings)).toEqual(['api-gateway/missingGateway - docker-compose.yml:1', 'async-messaging/noBroker - docker-compose.yml:1']);
  });
});
