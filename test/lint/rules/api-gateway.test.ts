import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('api-gateway', () => {
  it('accepts a Kubernetes Ingress as the gateway', async () => {
    const result = await lintFixture('rules/api-gateway/pass');
    expect(result.gateways.map((g) => `${g.kind}:${g.name}`)).toEqual(['ingress:public']);
    expect(ruleStatus(result, 'api-gateway')).toBe('pass');
  });

  it('flags services with no gateway in front of them, once, at arch.json', async () => {
    const result = await lintFixture('rules/api-gateway/fail');
    expect(brief(result.findings, 'api-gateway')).toEqual(['api-gateway/missingGateway - arch.json:1']);
  });

  it('does not fail a monolith for lacking a gateway', async () => {
    const result = await lintFixture('generated-monolith');
    expect(ruleStatus(result, 'api-gateway')).toBe('off');
  });

  it('finds an NGINX gateway container and its config file', async () => {
    const result = await lintFixture('microservices-compose');
    expect(result.gateways.map((g) => `${g.kind}:${g.name}`)).toEqual(['nginx:gateway', 'nginx:gateway/nginx.conf']);
  });
});

describe('api-gateway built from code', () => {
  it('recognises a workspace service on @fastify/http-proxy as the gateway, not as one of the services behind it', async () => {
    const result = await lintFixture('rules/api-gateway/pass-code');
    expect(result.services.map((s) => `${s.name}${s.gateway ? ' (gateway)' : ''}`)).toEqual(['gateway (gateway)', 'orders', 'users']);
    expect(ruleStatus(result, 'api-gateway')).toBe('pass');
  });
});
