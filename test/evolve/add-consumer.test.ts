import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-init.js';
import { generateTree } from '../../src/generate/plan.js';
import { writeTree } from '../../src/generate/write.js';
import { projectSpecSchema, type ProjectSpec } from '../../src/spec/project-spec.js';
import { captureIo } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

async function generated(pattern: ProjectSpec['pattern']): Promise<string> {
  const project = join(tempDir('arch-init-consumer-'), 'shop');
  const messaging = pattern === 'event-driven' || pattern === 'cqrs';
  const spec = projectSpecSchema.parse({
    name: 'shop',
    pattern,
    services: ['users', 'products', 'orders', 'payments'],
    database: 'postgres',
    ...(messaging ? { broker: 'rabbitmq', saga: 'choreography' } : { broker: 'none' }),
    port: 8080,
    lang: 'en',
    decision: { overridden: false },
  });
  await writeTree(generateTree(spec), project, { force: false });
  return project;
}

async function run(project: string, argv: string[]) {
  const io = captureIo({ cwd: project });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Every file of the project with its content: equal before and after means nothing changed. */
const snapshot = (project: string): string[] =>
  readdirSync(project, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return `${path}\n${readFileSync(path, 'utf8')}`;
    })
    .sort();

describe('arch-init add consumer', () => {
  it("adds a handler to a service's handlers as a syntax edit, keeping the user's own", async () => {
    const project = await generated('event-driven');
    const handlersPath = join(project, 'services/orders/src/handlers.ts');
    writeFileSync(handlersPath, readFileSync(handlersPath, 'utf8').replace("  'payment.charged'", "  // Ours: the refunds team asked for this.\n  'payment.charged'"));

    const { code, out } = await run(project, ['add', 'consumer', 'orders', 'order.shipped']);
    expect(code, out).toBe(0);
    expect(out).toContain('  edit     services/orders/src/handlers.ts');
    const handlers = readFileSync(handlersPath, 'utf8');
    expect(handlers).toContain('// Ours: the refunds team asked for this.');
    expect(handlers).toMatch(/  'order\.shipped': async \(\) => \{\n    throw new Error\('orders does not handle order\.shipped yet/);
    expect(JSON.parse(readFileSync(join(project, 'arch.json'), 'utf8')).consumers).toEqual({ orders: ['order.shipped'] });
    expect(readFileSync(join(project, 'services/orders/test/added-consumers.test.ts'), 'utf8')).toContain("const ADDED = ['order.shipped'];");
  });

  it('gives a service that consumed nothing its handlers, its consumer and their test', async () => {
    const project = await generated('cqrs');
    const { code, out } = await run(project, ['add', 'consumer', 'users', 'order.confirmed']);
    expect(code, out).toBe(0);
    expect(readFileSync(join(project, 'services/users/src/handlers.ts'), 'utf8')).toContain("'order.confirmed': async () => {");
    expect(readFileSync(join(project, 'services/users/src/service.ts'), 'utf8')).toContain("consumeEvents(bus, db, 'users', handlers");
    expect(existsSync(join(project, 'services/users/test/added-consumers.test.ts'))).toBe(true);
  });

  it('shows the diff with --dry-run and writes nothing', async () => {
    const project = await generated('event-driven');
    const before = snapshot(project);
    const { code, out } = await run(project, ['add', 'consumer', 'products', 'order.cancelled', '--dry-run']);
    expect(code, out).toBe(0);
    expect(out).toContain("+  'order.cancelled': async () => {");
    expect(snapshot(project)).toEqual(before);
  });

  it.each([
    [['orders', 'payment.charged'], 'event type: orders already consumes payment.charged'],
    [['reviews', 'order.placed'], 'service: "reviews" is not a service of'],
    [['users', 'OrderPlaced'], 'event type: "OrderPlaced" is not an event type such as order.confirmed'],
  ])('refuses %j in one line, exit 2, nothing changed', async (args, message) => {
    const project = await generated('event-driven');
    const before = snapshot(project);
    const { code, err } = await run(project, ['add', 'consumer', ...args]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(snapshot(project)).toEqual(before);
  });

  it('refuses a project whose services do not talk through events', async () => {
    const project = await generated('microservices');
    const { code, err } = await run(project, ['add', 'consumer', 'users', 'order.placed']);
    expect(code).toBe(2);
    expect(err).toContain('is a microservices project, whose services do not talk through events');
  });
});
