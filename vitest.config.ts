import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the coded demo project once; CLI tests copy it (test/helpers.ts codedDemoProject).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests run commands in-process (test/cli-runner.ts) in forked workers, which may chdir;
    // two cores are all CI has. Files share a worker (isolate: false), so oclif and the library
    // load once per worker, not once per file: 130 s instead of 184 s on a busy two-core machine.
    // Every test makes its own temporary project, and the runner restores cwd, env and streams.
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
  },
});
