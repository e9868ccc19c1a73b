import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/arch-init.js';
import { generateTree } from '../../src/generate/plan.js';
import { writeTree } from '../../src/generate/write.js';
import { projectSpecSchema, type ProjectSpec } from '../../src/spec/project-spec.js';
import { captureIo } from './io.js';
import { tempDir } from './temp.js';

/** A freshly generated "shop" with the four example services, written to a temporary folder. */
export async function generatedShop(pattern: ProjectSpec['pattern'], broker: ProjectSpec['broker'] = 'rabbitmq'): Promise<string> {
  const project = join(tempDir('arch-init-shop-'), 'shop');
  const messaging = pattern === 'event-driven' || pattern === 'cqrs';
  const spec = projectSpecSchema.parse({
    name: 'shop',
    pattern,
    services: ['users', 'products', 'orders', 'payments'],
    database: 'postgres',
    ...(messaging ? { broker, saga: 'choreography' } : { broker: 'none' }),
    port: 8080,
    lang: 'en',
    decision: { overridden: false },
  });
  await writeTree(generateTree(spec), project, { force: false });
  return project;
}

/** arch-init run in `project`, with what it printed. */
export async function runIn(project: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: project });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Every file of the project with its content: equal before and after means nothing changed. */
export const projectSnapshot = (project: string): string[] =>
  readdirSync(project, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return `${path}\n${readFileSync(path, 'utf8')}`;
    })
    .sort();
