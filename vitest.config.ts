import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    // Two cores: integration and e2e tests start real processes and browsers.
    maxWorkers: 2,
    // Generous: e2e tests take 10–20 s on a quiet machine and must not fail because a CI machine is busy.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
