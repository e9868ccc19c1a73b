import { describe, expect, it } from 'vitest';
import { moveModule, movedPath } from '../../src/evolve/move-module.js';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('moveModule', () => {
  it('puts code under src/, tests under test/ and SQL under migrations/ of the service', () => {
    expect(movedPath('src/modules/products/routes.ts', 'products')).toBe('services/products/src/routes.ts');
    expect(movedPath('src/modules/products/lib/price.ts', 'products')).toBe('services/products/src/lib/price.ts');
    expect(movedPath('src/modules/products/routes.test.ts', 'products')).toBe('services/products/test/routes.test.ts');
    expect(movedPath('src/modules/products/migrations/0002_sku.sql', 'products')).toBe('services/products/migrations/0002_sku.sql');
  });

  it('rewrites relative imports and re-exports to where their targets are now, keeping the rest of the file', () => {
    const moved = moveModule(
      files({
        'src/modules/products/lib/price.ts': [
          '// Prices, in cents.',
          '',
          "import { z } from 'zod';",
          '',
          "import { NotFoundError } from '../../../errors.js';",
          "import type { Product } from '../schema.js';",
          "export { IdParams } from '../../../http/validation.js';",
          '',
          'export const cheapest = (products: Product[]) => products.length; // ours',
          '',
        ].join('\n'),
        'src/modules/products/schema.ts': 'export interface Product { id: string }\n',
        'src/modules/products/price.test.ts': "import { describeEachBackend } from '../../../test/support/backends.js';\nimport { cheapest } from './lib/price.js';\n",
      }),
      'products',
      'shop',
    );
    expect(moved.problems).toEqual([]);
    expect(moved.files.get('services/products/src/lib/price.ts')).toBe(
      [
        '// Prices, in cents.',
        '',
        "import { NotFoundError } from '@shop/platform/errors';",
        "import { z } from 'zod';",
        '',
        "import type { Product } from '../schema.js';",
        "export { IdParams } from '@shop/platform/http/validation';",
        '',
        'export const cheapest = (products: Product[]) => products.length; // ours',
        '',
      ].join('\n'),
    );
    expect(moved.files.get('services/products/test/price.test.ts')).toBe(
      "import { describeEachBackend } from './support/backends.js';\nimport { cheapest } from '../src/lib/price.js';\n",
    );
  });

  it('lists every import of something that stays in the monolith, with its file and line', () => {
    const moved = moveModule(
      files({
        'src/modules/orders/index.ts': "import type { ProductsApi } from '../products/index.js';\nimport { audit } from '../../audit.js';\n",
      }),
      'orders',
      'shop',
    );
    expect(moved.problems).toEqual([
      "src/modules/orders/index.ts:1 imports '../products/index.js', the public interface of module products, which stays in the monolith",
      "src/modules/orders/index.ts:2 imports '../../audit.js', which stays in the monolith",
    ]);
  });
});
