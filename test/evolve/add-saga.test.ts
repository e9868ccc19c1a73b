import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedShop, projectSnapshot, runIn } from '../helpers/project.js';

const refund = ['add', 'saga', 'refund-order', '--in', 'orders', '--steps', 'payments:repay,products:restock'];

describe('arch-init add saga', () => {
  it('gives the orchestrator the saga, its state table and its test, and each step\'s service its handlers to write', async () => {
    const project = await generatedShop('event-driven', 'nats');
    const read = (path: string) => readFileSync(join(project, path), 'utf8');
    const handlersPath = join(project, 'services/payments/src/handlers.ts');
    writeFileSync(handlersPath, read('services/payments/src/handlers.ts').replace("    'stock.reserved'", "    // Ours: charge only what was reserved.\n    'stock.reserved'"));

    const { code, out } = await runIn(project, refund);
    expect(code, out).toBe(0);
    expect(out).toContain('Added saga refund-order, directed by orders, to .:');

    const sagas = read('services/orders/src/sagas.ts');
    expect(sagas).toContain("export const refundOrderSaga = orchestrate({\n  name: 'refund-order',\n  steps: [\n    { service: 'payments', action: 'repay' },\n    { service: 'products', action: 'restock' },\n  ],\n});");
    expect(read('services/orders/src/service.ts')).toContain('...(await migrate(db, SAGA_MIGRATIONS)),');
    expect(read('services/orders/src/service.ts')).toContain('{ ...handlers, ...sagaHandlers }');
    expect(read('services/orders/test/sagas.test.ts')).toContain("'refund-order: runs every step in order and completes'");
    expect(existsSync(join(project, 'packages/platform/src/messaging/saga.ts'))).toBe(true);
    expect(existsSync(join(project, 'packages/platform/migrations/sagas/saga-0001-sagas.sql'))).toBe(true);

    const payments = read('services/payments/src/handlers.ts');
    expect(payments).toContain('// Ours: charge only what was reserved.');
    expect(payments).toContain("'refund-order.repay': async () => {");
    expect(payments).toContain("'refund-order.repay.undo': async () => {");
    expect(read('services/products/src/handlers.ts')).toContain("'refund-order.restock.undo': async () => {");
    expect(JSON.parse(read('arch.json'))).toMatchObject({
      sagas: [{ name: 'refund-order', in: 'orders', steps: [{ service: 'payments', action: 'repay' }, { service: 'products', action: 'restock' }] }],
      consumers: { payments: ['refund-order.repay', 'refund-order.repay.undo'], products: ['refund-order.restock', 'refund-order.restock.undo'] },
    });
  });

  it('wires a saga into a service that consumed nothing before', async () => {
    const project = await generatedShop('cqrs', 'nats');
    const { code, out } = await runIn(project, ['add', 'saga', 'welcome', '--in', 'users', '--steps', 'payments:open-account']);
    expect(code, out).toBe(0);
    const service = readFileSync(join(project, 'services/users/src/service.ts'), 'utf8');
    expect(service).toContain("consumeEvents(bus, db, 'users', sagaHandlers, {");
    expect(existsSync(join(project, 'services/users/src/handlers.ts'))).toBe(false);
  });

  it.each([
    [['add', 'saga', 'Refund', '--in', 'orders', '--steps', 'payments:repay'], 'saga name: "Refund" must be lowercase words joined by dashes'],
    [['add', 'saga', 'refund', '--in', 'shipping', '--steps', 'payments:repay'], '--in: "shipping" is not a service of'],
    [['add', 'saga', 'refund', '--in', 'orders', '--steps', 'payments'], '--steps: "payments" is not <service>:<action>'],
    [['add', 'saga', 'refund', '--in', 'orders', '--steps', 'billing:repay'], '--steps: "billing" is not a service'],
    [['add', 'saga', 'refund', '--in', 'orders', '--steps', 'payments:repay,products:repay'], '--steps: action "repay" is listed twice'],
  ])('%j is refused in one line with exit 2 and nothing changed', async (argv, message) => {
    const project = await generatedShop('event-driven', 'nats');
    const before = projectSnapshot(project);
    const { code, err } = await runIn(project, argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(projectSnapshot(project)).toEqual(before);
  });

  it('asks for the orchestrator and the steps, which have no default', async () => {
    const project = await generatedShop('event-driven', 'nats');
    const { code, err } = await runIn(project, ['add', 'saga', 'refund', '--steps', 'payments:repay']);
    expect(code).toBe(2);
    expect(err).toContain("required option '--in <service>' not specified");
  });

  it('refuses a saga name that exists, and a project without events', async () => {
    const project = await generatedShop('event-driven', 'nats');
    expect((await runIn(project, refund)).code).toBe(0);
    expect((await runIn(project, refund)).err).toContain('saga name: "refund-order" already exists');

    const services = await generatedShop('microservices', 'none');
    const { code, err } = await runIn(services, refund);
    expect(code).toBe(2);
    expect(err).toContain('is a microservices project, whose services do not talk through events');
  });
});
