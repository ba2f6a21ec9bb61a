import { defineConfig } from 'vitest/config';

// GRANTOPS_TEST_REPORT names a file for vitest's own JSON report (the counts .ci/run prints);
// without it, `npm test` prints the usual summary and writes nothing.
const report = process.env.GRANTOPS_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/postgres.ts'],
    ...(report ? { reporters: ['default', 'json'], outputFile: { json: report } } : {}),
    // GitHub's workflow parser imports JSON without import attributes, which Node 20 refuses;
    // letting vite transform it loads the JSON the way a bundler would.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
