import { defineConfig } from 'vitest/config';

// The system-level tests: the whole system as separate processes, and the deployment files.
// Each workspace runs its own unit tests (`npm test` runs both).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['packages/platform/src/testing/global-setup.ts'],
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
