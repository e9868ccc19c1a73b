import { describe, expect, it } from 'vitest';
import { appendMissingProperties, asPropertyAppends } from '../../src/evolve/ts-edits.js';

const generated = `export const handlers: EventHandlers = {
  'order.placed': async (tx, event) => {
    await reserve(tx, event);
  },
};
`;

const regenerated = `export const handlers: EventHandlers = {
  'order.placed': async (tx, event) => {
    await reserve(tx, event);
  },
  // Added by \`arch-init add consumer\`: why it throws.
  'order.shipped': async () => {
    throw new Error('not yet');
  },
};
`;

describe('appendMissingProperties', () => {
  it("adds the new handler after the user's own, with its comment, indented like its neighbours", () => {
    const ours = `export const handlers: EventHandlers = {
    'order.placed': async (tx, event) => {
        // the user's comment
        await reserve(tx, event);
    },
    'user.added': async () => {} // the user's own handler, no trailing comma
};
`;
    expect(asPropertyAppends(ours, generated, regenerated)).toBe(`export const handlers: EventHandlers = {
    'order.placed': async (tx, event) => {
        // the user's comment
        await reserve(tx, event);
    },
    'user.added': async () => {}, // the user's own handler, no trailing comma
    // Added by \`arch-init add consumer\`: why it throws.
    'order.shipped': async () => {
      throw new Error('not yet');
    },
};
`);
  });

  it('adds to the object a function returns', () => {
    const base = 'export function paymentHandlers() {\n  return {\n    a: 1,\n  };\n}\n';
    const theirs = 'export function paymentHandlers() {\n  return {\n    a: 1,\n    b: 2,\n  };\n}\n';
    expect(appendMissingProperties(base, theirs)).toBe(theirs);
  });

  it('gives up, for a text merge, when the change is more than added properties or the object is on one line', () => {
    expect(asPropertyAppends(generated, generated.replace('reserve', 'hold'), regenerated)).toBeUndefined();
    expect(appendMissingProperties('const o = { a: 1 };\n', 'const o = { a: 1, b: 2 };\n')).toBeUndefined();
  });
});
