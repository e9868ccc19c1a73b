import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The platform package is TypeScript source in development; "source" selects it (package.json "exports").
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // Probes the real PostgreSQL once per run and tells every suite whether to use it.
    globalSetup: ['../../packages/platform/src/testing/global-setup.ts'],
    // Each suite starts its own embedded PostgreSQL (a WebAssembly build); the first start is slow.
    hookTimeout: 30_000,
    testTimeout: 15_000,
  },
});
