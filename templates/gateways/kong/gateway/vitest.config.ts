import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The tests start the token script and kong-start.sh as processes of their own.
    testTimeout: 15_000,
  },
});
