import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

import { REPLICAS, SERVICES } from './support/system.js';

// No container engine runs here: these tests read the deployment files and check that they
// describe the architecture (every service, its own database, probes, the tracing pipeline).

interface ComposeService {
  build?: { dockerfile: string };
  image?: string;
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  deploy?: { replicas: number };
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

function manifests(file: string): { kind: string; metadata: { name: string }; spec?: unknown; data?: Record<string, string> }[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS());
}

describe('docker-compose.yml', () => {
  it.each(SERVICES)('runs %s on a database of its own, healthy before it starts', (name) => {
    const service = compose.services[name];
    expect(service?.build?.dockerfile).toBe(`services/${name}/Dockerfile`);
    expect(service?.environment?.DATABASE_URL).toMatch(new RegExp(`@${name}-db:5432/`));
    expect(service?.depends_on?.[`${name}-db`]).toEqual({ condition: 'service_healthy' });
    expect(service?.healthcheck?.test.join(' ')).toContain('/health/ready');
    expect(compose.services[`${name}-db`]?.healthcheck).toBeDefined();
    // Only the gateway is published; a service is reached through it.
    expect(service?.ports).toBeUndefined();
  });

  it.each(SERVICES)('runs as many instances of %s as arch.json asks for', (name) => {
    expect(compose.services[name]?.deploy?.replicas ?? 1).toBe(REPLICAS[name]);
  });

  it('shares no database between services', () => {
    const urls = SERVICES.map((name) => compose.services[name]?.environment?.DATABASE_URL);
    expect(new Set(urls).size).toBe(SERVICES.length);
  });

  it('routes the gateway to every service and waits for them', () => {
    const gateway = compose.services.gateway;
    for (const name of SERVICES) {
      expect(gateway?.environment?.UPSTREAM_URLS).toContain(`${name}=http://${name}:`);
      expect(gateway?.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('sends every trace to the collector, which forwards to Jaeger', () => {
    for (const name of ['gateway', ...SERVICES]) {
      expect(compose.services[name]?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
    }
    expect(compose.services.jaeger).toBeDefined();
    const collector = parse(readFileSync('deploy/otel-collector.yaml', 'utf8')) as {
      service: { pipelines: { traces: { exporters: string[] } } };
      exporters: Record<string, { endpoint: string }>;
    };
    const [exporter = ''] = collector.service.pipelines.traces.exporters;
    expect(collector.exporters[exporter]?.endpoint).toBe('jaeger:4317');
  });
});

describe('Kubernetes manifests', () => {
  it.each(['gateway', ...SERVICES])('%s has a ConfigMap, a probed and resourced Deployment, and a Service', (name) => {
    const documents = manifests(`k8s/${name}.yaml`).filter((document) => document.kind !== 'HorizontalPodAutoscaler');
    expect(documents.map((document) => document.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Service']);
    const deployment = documents.find((document) => document.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: unknown[] } } };
    };
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toMatchObject({
      livenessProbe: { httpGet: { path: '/health/live' } },
      readinessProbe: { httpGet: { path: '/health/ready' } },
      resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
    });
  });

  it('routes the gateway to every service by its in-cluster name', () => {
    const config = manifests('k8s/gateway.yaml').find((document) => document.kind === 'ConfigMap');
    for (const name of SERVICES) expect(config?.data?.UPSTREAM_URLS).toContain(`${name}=http://${name}:`);
  });
});

describe('Dockerfiles', () => {
  it.each(['gateway', ...SERVICES.map((name) => `services/${name}`)])('%s builds in stages and runs unprivileged', (dir) => {
    const dockerfile = readFileSync(`${dir}/Dockerfile`, 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(existsSync(`${dir}/package.json`)).toBe(true);
  });
});
