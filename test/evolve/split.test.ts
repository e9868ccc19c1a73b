import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-init.js';
import { generateTree } from '../../src/generate/plan.js';
import { writeTree } from '../../src/generate/write.js';
import { projectSpecSchema } from '../../src/spec/project-spec.js';
import { captureIo } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

let project: string;
const read = (path: string) => readFileSync(join(project, path), 'utf8');
const exists = (path: string) => existsSync(join(project, path));
const edit = (path: string, change: (text: string) => string) => writeFileSync(join(project, path), change(read(path)));

async function run(argv: string[]) {
  const io = captureIo({ cwd: project });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const monolith = {
  name: 'shop',
  pattern: 'monolith',
  services: ['users', 'products', 'orders', 'payments'],
  database: 'postgres',
  broker: 'none',
  port: 3000,
  lang: 'en',
  decision: { overridden: false },
};

beforeEach(async () => {
  project = join(tempDir('arch-init-split-'), 'shop');
  await writeTree(generateTree(projectSpecSchema.parse(monolith)), project, { force: false });
});

/** The user's own work in the files a split touches: a route and a helper in the module, a hook in app.ts. */
function makeUserEdits(): void {
  edit('src/modules/products/routes.ts', (text) =>
    text
      .replace("import { NewProductSchema } from './schema.js';", "import { cheapest } from './pricing.js';\nimport { NewProductSchema } from './schema.js';")
      .replace(
        "    app.get('/', async () => api.list());",
        "    app.get('/', async () => api.list());\n\n    // Ours: the cheapest price on offer.\n    app.get('/cheapest', async () => ({ priceCents: cheapest(await api.list()) }));",
      ),
  );
  writeFileSync(
    join(project, 'src/modules/products/pricing.ts'),
    "import type { Product } from './schema.js';\n\nexport const cheapest = (products: Product[]) => Math.min(...products.map((p) => p.priceCents));\n",
  );
  edit('src/app.ts', (text) =>
    text.replace(
      '  registerHealthRoutes(app, db);\n',
      "  registerHealthRoutes(app, db);\n  // Ours: every answer says who served it.\n  app.addHook('onSend', async (_request, reply) => {\n    reply.header('x-served-by', 'monolith');\n  });\n",
    ),
  );
}

describe('arch-init split', () => {
  it('moves the module as the user has it into a service, and the monolith calls it over HTTP', async () => {
    makeUserEdits();
    const { code, out } = await run(['split', 'products']);
    expect(code, out).toBe(0);
    expect(out).toContain('Split module products of . into services/products/:');

    // The user's code moved, imports rewritten to the platform and to the files that moved along.
    const routes = read('services/products/src/routes.ts');
    expect(routes).toContain("app.get('/cheapest'");
    expect(routes).toContain("import { NotFoundError } from '@shop/platform/errors';");
    expect(routes).toContain("import { cheapest } from './pricing.js';");
    expect(read('services/products/src/pricing.ts')).toContain('export const cheapest');
    expect(read('services/products/test/routes.test.ts')).toContain("from './support/backends.js'");
    expect(exists('services/products/migrations/0001_init.sql')).toBe(true);
    expect(read('services/products/src/app.ts')).toContain('createProductsModule({ db: deps.db }).routes');
    for (const gone of ['routes.ts', 'repository.ts', 'pricing.ts', 'routes.test.ts', 'migrations/0001_init.sql']) {
      expect(exists(`src/modules/products/${gone}`), gone).toBe(false);
    }

    // The monolith keeps the interface, now over HTTP through a breaker, and the user's hook.
    expect(read('src/modules/products/index.ts')).toContain("service.json('GET', `/products/${encodeURIComponent(id)}`)");
    expect(read('src/modules/products/schema.ts')).toContain('export interface Product');
    const app = read('src/app.ts');
    expect(app).toContain("reply.header('x-served-by', 'monolith');");
    expect(app).toContain('createProductsModule({ service: services.products })');
    expect(app).not.toContain("prefix: '/products'");
    expect(read('src/config.ts')).toContain("PRODUCTS_URL: ServiceUrl.default('http://127.0.0.1:3002')");

    // A gateway in front, arch.json and the deployment know the new shape.
    expect(read('gateway/src/routes.ts')).toContain("{ name: 'products', prefix: '/api/products', defaultUrls: ['http://127.0.0.1:3002'] }");
    expect(read('gateway/src/routes.ts')).toContain("{ name: 'users', prefix: '/api/users', defaultUrls: ['http://127.0.0.1:3000'] }");
    expect(JSON.parse(read('arch.json'))).toMatchObject({ pattern: 'monolith', split: ['products'] });
    expect(JSON.parse(read('package.json')).workspaces).toEqual(['packages/platform', 'gateway', 'services/products']);
    expect(read('docker-compose.yml')).toMatch(/\n {2}products:\n[\s\S]*\n {2}products-db:\n/);
    expect(exists('k8s')).toBe(false);
  });

  it('leaves a project that upgrade finds up to date, the user\'s moved edits kept', async () => {
    makeUserEdits();
    expect((await run(['split', 'products'])).code).toBe(0);
    const { code, out } = await run(['upgrade', '--dry-run']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Already up to date with arch-init \S+\.\n$/);
  });

  it('splits a second module beside the first', async () => {
    expect((await run(['split', 'products'])).code).toBe(0);
    const { code, out } = await run(['split', 'payments']);
    expect(code, out).toBe(0);
    expect(JSON.parse(read('arch.json')).split).toEqual(['products', 'payments']);
    expect(read('src/remote-services.ts')).toContain("payments: new ServiceClient('payments', [settings.PAYMENTS_URL], settings, deps),");
    expect(read('src/modules/orders/routes.test.ts')).toContain("ctx.remote.payments.json('GET', '/payments')");
  });

  it('refuses a module that other modules reach into, listing every reference as arch-lint reports it', async () => {
    edit('src/modules/orders/index.ts', (text) => `import { findProductById } from '../products/repository.js';\n${text}\nexport const peek = findProductById;\n`);
    const before = read('src/app.ts');
    const { code, err } = await run(['split', 'products']);
    expect(code).toBe(2);
    expect(err).toBe(
      'arch-init: module products cannot be split: other code reaches into its internals, not through its index\n' +
        '  src/modules/orders/index.ts:1: Module orders imports ../products/repository.js from the internals of module products; import its index instead.\n',
    );
    expect(read('src/app.ts')).toBe(before);
    expect(exists('services')).toBe(false);
  });

  it('refuses a module that calls other modules, naming each call', async () => {
    const { code, err } = await run(['split', 'orders']);
    expect(code).toBe(2);
    expect(err).toContain('module orders cannot be split: its code uses what stays in the monolith');
    expect(err).toContain("src/modules/orders/index.ts:8 imports '../payments/index.js', the public interface of module payments, which stays in the monolith");
    expect(exists('services')).toBe(false);
  });

  it.each([
    [['split', 'reviews'], 'module: "reviews" is not a module of'],
    [['split', 'products', '--dir', '/'], '/: not a project generated by arch-init (no arch.json)'],
  ])('%j is refused in one line with exit 2 and nothing changed', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(exists('services')).toBe(false);
  });

  it('refuses a module split already, and a project that is not a monolith', async () => {
    expect((await run(['split', 'products'])).code).toBe(0);
    expect((await run(['split', 'products'])).err).toContain('module: "products" is a service already (services/products/)');

    const services = join(tempDir('arch-init-split-ms-'), 'ms');
    expect(await main([services, '--pattern', 'microservices'], captureIo())).toBe(0);
    const { code, err } = await run(['split', 'products', '--dir', services]);
    expect(code).toBe(2);
    expect(err).toContain('is a microservices project, whose parts are services already');
  });

  it('--dry-run prints the plan and the diff of the monolith\'s own files (golden), and writes nothing', async () => {
    makeUserEdits();
    const { code, out } = await run(['split', 'products', '--dry-run']);
    expect(code).toBe(0);
    expect(exists('services')).toBe(false);
    expect(exists('src/modules/products/routes.ts')).toBe(true);
    // The plan, then the diffs of the files the monolith keeps (the new files are the templates').
    const [plan = '', ...diffs] = out.split(/^(?=--- )/m);
    const kept = diffs.filter((diff) => /^--- a\/src\/(app|modules\/products\/index|modules\/orders\/index)\.ts/.test(diff));
    const golden = join(import.meta.dirname, '../fixtures/evolve/split-products.dry-run.txt');
    const shown = [plan, ...kept].join('');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, shown);
    expect(shown).toBe(readFileSync(golden, 'utf8'));
  });
});
