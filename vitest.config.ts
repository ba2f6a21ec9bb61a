import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/postgres.ts'],
    // GitHub's workflow parser imports JSON without import attributes, which Node 20 refuses;
    // letting vite transform it loads the JSON the way a bundler would.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
