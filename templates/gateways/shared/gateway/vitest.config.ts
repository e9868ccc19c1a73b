import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The platform package is TypeScript source in development; "source" selects it (package.json "exports").
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
  },
});
