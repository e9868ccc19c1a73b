import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { generateTree } from '../../src/generate/plan.js';
import { projectSpecSchema, type ProjectSpec } from '../../src/spec/project-spec.js';

function tree(fields: Partial<ProjectSpec>) {
  const spec = projectSpecSchema.parse({
    name: 'shop', pattern: 'microservices', services: ['users', 'products', 'orders', 'payments'], database: 'postgres', broker: 'none',
    port: 8080, lang: 'en', decision: { overridden: false }, ...fields,
  });
  const files = generateTree(spec);
  return { paths: [...files.keys()], read: (path: string) => String(files.get(path)) };
}

describe('--gateway', () => {
  it('node (the default): the generated Node gateway', () => {
    const { paths } = tree({});
    expect(paths).toEqual(expect.arrayContaining(['gateway/src/proxy.ts', 'gateway/src/routes.ts', 'gateway/Dockerfile']));
    expect(paths.filter((path) => path.startsWith('gateway/nginx/') || path === 'gateway/kong.yml')).toEqual([]);
  });

  it('nginx: the NGINX configuration routing to every service, and the token verifier in place of the Node proxy', () => {
    const { paths, read } = tree({ gateway: 'nginx' });
    expect(paths).toEqual(expect.arrayContaining(['gateway/nginx/conf.d/gateway.conf', 'gateway/nginx/conf.d/upstreams.conf', 'gateway/src/verifier.ts', 'gateway/README.md']));
    expect(paths).not.toContain('gateway/src/proxy.ts');
    for (const name of ['users', 'products', 'orders', 'payments']) {
      expect(read('gateway/nginx/conf.d/gateway.conf')).toContain(`location /api/${name}/ {`);
      expect(read('gateway/nginx/conf.d/upstreams.conf')).toContain(`upstream ${name} {`);
    }
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { image?: string }> };
    expect(compose.services.gateway?.image).toMatch(/^nginx:/);
    expect(compose.services['gateway-verifier']).toBeDefined();
  });

  it('kong: a declarative kong.yml and no gateway code', () => {
    const { paths, read } = tree({ gateway: 'kong' });
    expect(paths).toEqual(expect.arrayContaining(['gateway/kong.yml', 'gateway/test/kong.test.ts']));
    expect(paths.filter((path) => path.startsWith('gateway/src/'))).toEqual([]);
    expect(read('gateway/kong.yml')).toMatch(/^_format_version: "3\.0"$/m);
    expect(JSON.parse(read('arch.json'))).toMatchObject({ gateway: 'kong' });
  });
});

describe('--replicas', () => {
  const { read } = tree({ replicas: { orders: 3 } });

  it('runs that many instances in docker-compose, and one of the others', () => {
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { deploy?: { replicas: number } }> };
    expect(compose.services.orders?.deploy).toEqual({ replicas: 3 });
    expect(compose.services.products?.deploy).toBeUndefined();
  });

  it('gives Kubernetes the count as the floor of an autoscaler', () => {
    const documents = parseAllDocuments(read('k8s/orders.yaml')).map((document) => document.toJS());
    expect(documents.find((document) => document.kind === 'Deployment').spec.replicas).toBe(3);
    expect(documents.find((document) => document.kind === 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
  });

  it('lists each instance where the gateway and npm run dev look for it', () => {
    expect(read('gateway/src/routes.ts')).toContain(
      "{ name: 'orders', prefix: '/api/orders', defaultUrls: ['http://127.0.0.1:3003', 'http://127.0.0.1:3103', 'http://127.0.0.1:3203'] },",
    );
    expect(read('scripts/dev.mjs')).toContain("'orders': { port: 3003, replicas: 3 }");
    expect(read('README.md')).toContain('orders service ×3');
  });
});

describe('--shards', () => {
  it('gives a hash-sharded service a database per shard in docker-compose, and the router its layout', () => {
    const { read } = tree({ shards: { products: { by: 'hash', count: 3 } } });
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { environment?: Record<string, string> }> };
    const urls = compose.services.products?.environment?.DATABASE_URLS ?? '';
    expect(urls.split(',').map((entry) => entry.split('=')[0])).toEqual(['shard-0', 'shard-1', 'shard-2']);
    for (const shard of ['shard-0', 'shard-1', 'shard-2']) expect(compose.services[`products-${shard}-db`]).toBeDefined();
    expect(read('services/products/src/shards.ts')).toMatch(/createHashRouter/);
    expect(read('README.md')).toContain('products service, 3 shards');
  });

  it('routes a range-sharded service by where its ids begin', () => {
    const { read } = tree({ shards: { users: { by: 'range', from: ['4', '8', 'c'] } } });
    const router = read('services/users/src/shards.ts');
    expect(router).toMatch(/createRangeRouter/);
    for (const from of ["from: ''", "from: '4'", "from: '8'", "from: 'c'"]) expect(router).toContain(from);
  });
});
