// A synthetic TypeScript monorepo for arch-lint's bench: `services` services
// under services/, one shared library under packages/, a docker-compose.yml,
// a package.json per service, and `files` TS files in all. Each file imports
// a few earlier files of its own service (relative, extensionless, as a
// bundler-resolved TS repository writes them), npm packages and node
// builtins; about one file in 150 reaches into another service's internals,
// which is what service-boundaries exists to find. Seeded: the same
// arguments always give the same tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

const LAYERS = ['domain', 'application', 'infrastructure', 'http'];
const NPM = ['zod', 'express', 'pino', '@opentelemetry/api', 'pg', 'kafkajs', 'undici', 'lodash-es'];

/** Park–Miller: small, seedable, good enough to vary a synthetic tree. */
function random(seed) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const pad = (n, w) => String(n).padStart(w, '0');

/**
 * A service's source files in creation order, as { path, module }: modules of
 * about 40 files in four layers, plus one index.ts per module (its public
 * interface, counted in `count`). Imports only point backwards: no cycles.
 */
function serviceFiles(count) {
  const modules = Math.max(1, Math.round(count / 41));
  const files = [];
  for (let i = 0; files.length < count - modules; i++) {
    const module = i % modules;
    const layer = LAYERS[Math.floor(i / modules) % LAYERS.length];
    files.push({ path: `src/modules/m${pad(module, 2)}/${layer}/f${pad(i, 4)}.ts`, module });
  }
  return { files, modules };
}

/** The specifier `from` uses for `to`: extensionless, a folder for a module's index. */
function relative(from, to) {
  const rel = posix.relative(posix.dirname(from), to).replace(/(\/index)?\.ts$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function sourceFile({ service, path, index, imports, crossService, rnd }) {
  const lines = [];
  const npm = NPM[Math.floor(rnd() * NPM.length)];
  lines.push(`import * as lib from '${npm}';`);
  if (rnd() < 0.3) lines.push(`import { randomUUID } from 'node:crypto';`);
  imports.forEach((target, k) => lines.push(`import { value${k} } from '${relative(path, target)}';`));
  if (crossService) lines.push(`import { internal } from '${crossService}';`);
  if (index % 7 === 0) lines.push(`import type { Shared } from '@bench/shared';`);
  lines.push('');
  lines.push(`/** ${service}: unit ${index}, generated for arch-lint's bench. */`);
  lines.push(`export interface Record${index} {`, '  id: string;', '  createdAt: Date;', '  tags: readonly string[];', '}');
  lines.push('');
  lines.push(`export const value = ${index};`);
  lines.push(`export function handle${index}(input: Record${index}): number {`);
  lines.push(`  const parts = [${imports.map((_, k) => `value${k}`).concat(crossService ? ['internal'] : []).join(', ')}];`);
  lines.push(`  // ${'lorem ipsum dolor sit amet '.repeat(2).trim()}`);
  lines.push('  return parts.reduce((a: number, b: unknown) => a + Number(b), input.tags.length) + Object.keys(lib).length;');
  lines.push('}');
  if (index % 11 === 0) lines.push('', `export const lazy = () => import('${imports[0] ? relative(path, imports[0]) : '../../../index'}');`);
  lines.push('');
  return lines.join('\n');
}

/**
 * Writes the tree under `root` and returns what a run over it must see:
 * the TS file count, the cross-service import count and the source folders.
 */
export function generateMonorepo(root, { services = 50, files = 10_000, seed = 42 } = {}) {
  const rnd = random(seed);
  const write = (rel, text) => {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  const names = Array.from({ length: services }, (_, i) => `svc-${pad(i, 2)}`);
  // packages/shared holds one file; the services share the rest.
  const budget = files - 1;
  const perService = names.map((_, i) => Math.floor(budget / services) + (i < budget % services ? 1 : 0));
  const layouts = perService.map((n) => serviceFiles(Math.max(2, n - 2)));
  let tsFiles = 0;
  let crossServiceImports = 0;

  write('package.json', JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['services/*', 'packages/*'] }, null, 2) + '\n');
  write('packages/shared/package.json', JSON.stringify({ name: '@bench/shared', version: '1.0.0', type: 'module', main: 'src/index.ts' }, null, 2) + '\n');
  write('packages/shared/src/index.ts', 'export interface Shared {\n  traceId: string;\n}\n');
  tsFiles++;

  names.forEach((service, s) => {
    const base = `services/${service}`;
    const traced = s % 5 !== 0;
    const dependencies = { express: '^5.1.0', zod: '^4.1.0', pino: '^9.0.0', pg: '^8.16.0', '@bench/shared': '*' };
    if (traced) Object.assign(dependencies, { '@opentelemetry/api': '^1.9.0', '@opentelemetry/sdk-node': '^0.203.0' });
    if (s % 3 === 0) dependencies.kafkajs = '^2.2.4';
    write(`${base}/package.json`, JSON.stringify({ name: `@bench/${service}`, version: '1.0.0', type: 'module', dependencies }, null, 2) + '\n');
    const { files: layout, modules } = layouts[s];
    const moduleIndex = (m) => `src/modules/m${pad(m, 2)}/index.ts`;
    layout.forEach((file, index) => {
      const imports = [];
      const earlier = layout.slice(0, index).filter((f) => f.module === file.module);
      const wanted = earlier.length === 0 ? 0 : 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < wanted; k++) {
        const target = earlier[Math.floor(rnd() * earlier.length)].path;
        if (!imports.includes(target)) imports.push(target);
      }
      // Another module of the same service, through its public index.
      if (modules > 1 && rnd() < 0.3) imports.push(moduleIndex((file.module + 1 + Math.floor(rnd() * (modules - 1))) % modules));
      let crossService;
      if (services > 1 && rnd() < 1 / 150) {
        const other = (s + 1 + Math.floor(rnd() * (services - 1))) % services;
        const otherLayout = layouts[other].files;
        crossService = relative(`${base}/${file.path}`, `services/${names[other]}/${otherLayout[Math.floor(rnd() * otherLayout.length)].path}`);
        crossServiceImports++;
      }
      write(`${base}/${file.path}`, sourceFile({ service, path: file.path, index, imports, crossService, rnd }));
      tsFiles++;
    });
    for (let m = 0; m < modules; m++) {
      const own = layout.filter((f) => f.module === m).slice(0, 3);
      write(`${base}/${moduleIndex(m)}`, own.map((f, k) => `export { value as value${k} } from '${relative(moduleIndex(m), f.path)}';`).join('\n') + '\n');
      tsFiles++;
    }
    write(
      `${base}/src/index.ts`,
      [
        "import express from 'express';",
        ...Array.from({ length: modules }, (_, m) => `import * as module${m} from '${relative('src/index.ts', moduleIndex(m))}';`),
        '',
        'export const app = express();',
        "app.get('/health', (_req, res) => res.json({ status: 'ok' }));",
        `app.get('/api/${service}', (_req, res) => res.json([${Array.from({ length: modules }, (_, m) => `module${m}.value0`).join(', ')}]));`,
        '',
      ].join('\n'),
    );
    write(`${base}/src/server.ts`, "import { app } from './index';\n\napp.listen(Number(process.env.PORT ?? 3000));\n");
    tsFiles += 2;
  });

  const compose = ['services:'];
  for (const [s, service] of names.entries()) {
    compose.push(
      `  ${service}:`,
      `    build: ./services/${service}`,
      '    environment:',
      `      DATABASE_URL: postgres://app:app@postgres:5432/${service.replace('-', '_')}`,
      ...(s % 3 === 0 ? ['      KAFKA_BROKERS: kafka:9092'] : []),
      '    depends_on: [postgres]',
      '    healthcheck:',
      `      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]`,
    );
  }
  compose.push('  postgres:', '    image: postgres:17', '  kafka:', '    image: apache/kafka:4.0.0', '  gateway:', '    image: nginx:1.27', '    ports: ["80:80"]', '');
  write('docker-compose.yml', compose.join('\n'));
  return { tsFiles, crossServiceImports, sourceDirs: ['services', 'packages'] };
}
