import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Probes the real PostgreSQL once per run and tells every suite whether to use it.
    globalSetup: ['test/support/global-setup.ts'],
    // Each suite starts its own embedded PostgreSQL (a WebAssembly build); the first start is slow.
    hookTimeout: 30_000,
    // Generous for a loaded CI machine; a test that needs this long is still slow enough to notice.
    testTimeout: 15_000,
  },
});
