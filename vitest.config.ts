import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'subgraphs/**/*.test.ts', 'lib/**/*.test.ts', 'gateway/**/*.test.ts', 'scripts/**/*.test.ts', 'hub/**/*.test.ts'],
    // Each file starts its own embedded databases (~200 MB each): two at a time fit in memory
    // and on two cores; the whole-hub suites share one hub per worker.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
