import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    hookTimeout: 60_000,
  },
});
