import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedShop, projectSnapshot, runIn } from '../helpers/project.js';

describe('arch-init add consumer', () => {
  it("adds a handler to a service's handlers as a syntax edit, keeping the user's own", async () => {
    const project = await generatedShop('event-driven');
    const handlersPath = join(project, 'services/orders/src/handlers.ts');
    writeFileSync(handlersPath, readFileSync(handlersPath, 'utf8').replace("  'payment.charged'", "  // Ours: the refunds team asked for this.\n  'payment.charged'"));

    const { code, out } = await runIn(project, ['add', 'consumer', 'orders', 'order.shipped']);
    expect(code, out).toBe(0);
    expect(out).toContain('  edit     services/orders/src/handlers.ts');
    const handlers = readFileSync(handlersPath, 'utf8');
    expect(handlers).toContain('// Ours: the refunds team asked for this.');
    expect(handlers).toMatch(/  'order\.shipped': async \(\) => \{\n    throw new Error\('orders does not handle order\.shipped yet/);
    expect(JSON.parse(readFileSync(join(project, 'arch.json'), 'utf8')).consumers).toEqual({ orders: ['order.shipped'] });
    expect(readFileSync(join(project, 'services/orders/test/added-consumers.test.ts'), 'utf8')).toContain("const ADDED = ['order.shipped'];");
  });

  it('gives a service that consumed nothing its handlers, its consumer and their test', async () => {
    const project = await generatedShop('cqrs');
    const { code, out } = await runIn(project, ['add', 'consumer', 'users', 'order.confirmed']);
    expect(code, out).toBe(0);
    expect(readFileSync(join(project, 'services/users/src/handlers.ts'), 'utf8')).toContain("'order.confirmed': async () => {");
    expect(readFileSync(join(project, 'services/users/src/service.ts'), 'utf8')).toContain("consumeEvents(bus, db, 'users', handlers");
    expect(existsSync(join(project, 'services/users/test/added-consumers.test.ts'))).toBe(true);
  });

  it('shows the diff with --dry-run and writes nothing', async () => {
    const project = await generatedShop('event-driven');
    const before = projectSnapshot(project);
    const { code, out } = await runIn(project, ['add', 'consumer', 'products', 'order.cancelled', '--dry-run']);
    expect(code, out).toBe(0);
    expect(out).toContain("+  'order.cancelled': async () => {");
    expect(projectSnapshot(project)).toEqual(before);
  });

  it.each([
    [['orders', 'payment.charged'], 'event type: orders already consumes payment.charged'],
    [['reviews', 'order.placed'], 'service: "reviews" is not a service of'],
    [['users', 'OrderPlaced'], 'event type: "OrderPlaced" is not an event type such as order.confirmed'],
  ])('refuses %j in one line, exit 2, nothing changed', async (args, message) => {
    const project = await generatedShop('event-driven');
    const before = projectSnapshot(project);
    const { code, err } = await runIn(project, ['add', 'consumer', ...args]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(projectSnapshot(project)).toEqual(before);
  });

  it('refuses a project whose services do not talk through events', async () => {
    const project = await generatedShop('microservices', 'none');
    const { code, err } = await runIn(project, ['add', 'consumer', 'users', 'order.placed']);
    expect(code).toBe(2);
    expect(err).toContain('is a microservices project, whose services do not talk through events');
  });
});
