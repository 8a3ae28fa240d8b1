import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the coded demo project once; CLI tests copy it (test/helpers.ts codedDemoProject).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests run commands in-process (test/cli-runner.ts) in forked workers, which may chdir;
    // two cores are all CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
