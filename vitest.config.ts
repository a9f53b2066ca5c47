import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'subgraphs/**/*.test.ts', 'lib/**/*.test.ts', 'gateway/**/*.test.ts', 'scripts/**/*.test.ts', 'hub/**/*.test.ts'],
    // Each file starts its own embedded databases (~200 MB each): two at a time fit in memory
    // and on two cores; the whole-hub suites share one hub per worker.
    pool: 'forks',
    maxWorkers: 2,
    // A worker runs file after file in one process: the modules (Apollo, graphql, drizzle, PGlite)
    // are imported once per worker rather than once per file — about 80 s less per pass. Every
    // file stops what it starts (hubs, databases, listeners, spies) in its afterAll.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
