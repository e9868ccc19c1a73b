import { describe, expect, it } from 'vitest';
import { nameForms, nameProblem, projectNameFrom } from '../../src/spec/names.js';

describe('nameProblem', () => {
  it.each([
    ['', 'is empty'],
    ['../etc', 'path separators'],
    ['a/b', 'path separators'],
    ['a\\b', 'path separators'],
    ['..', 'path separators'],
    ['class', 'reserved'],
    ['gateway', 'reserved'],
    ['Users', 'lowercase'],
    ['users"', 'lowercase'],
    ["o'brien", 'lowercase'],
    ['a}}b', 'lowercase'],
    ['{{x}}', 'lowercase'],
    ['a b', 'lowercase'],
    ['1users', 'lowercase'],
    ['users--x', 'lowercase'],
    ['users-', 'lowercase'],
    ['x'.repeat(41), 'longer than 40'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(nameProblem(name)).toContain(reason);
  });

  it.each(['users', 'order-items', 'v2-payments', 'a'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });
});

describe('nameForms', () => {
  it('derives every identifier form from one kebab name', () => {
    expect(nameForms('order-items')).toEqual({
      kebab: 'order-items',
      camel: 'orderItems',
      pascal: 'OrderItems',
      snake: 'order_items',
      singularCamel: 'orderItem',
      singularPascal: 'OrderItem',
      singularKebab: 'order-item',
      title: 'Order items',
    });
  });

  it.each([
    ['categories', 'Category'],
    ['addresses', 'Address'],
    ['status', 'StatusItem'],
    ['inventory', 'InventoryItem'],
    ['payments', 'Payment'],
  ])('%s has the singular type name %s, distinct from the plural', (name, singular) => {
    const forms = nameForms(name);
    expect(forms.singularPascal).toBe(singular);
    expect(forms.singularCamel).not.toBe(forms.camel);
  });
});

describe('projectNameFrom', () => {
  it.each([
    ['My Shop', 'my-shop'],
    ["shop'}}{{evil", 'shop-evil'],
    ['2024-app', 'app'],
    ['Café', 'cafe'],
  ])('turns the directory %j into the project name %j', (dir, name) => {
    expect(projectNameFrom(dir)).toBe(name);
  });

  it.each(['123', '---', '日本'])('finds nothing usable in %j', (dir) => {
    expect(projectNameFrom(dir)).toBeUndefined();
  });
});
