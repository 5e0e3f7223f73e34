/**
 * Three projects: `unit` runs the tests that sit beside their files and needs no services;
 * `integration` runs the cross-cutting tests in test/ against the real Temporal dev server and
 * the real MongoDB-wire store, which the global setup starts once for the whole run; `load` runs
 * the tests in test/ that put the whole machine under load.
 */
const transform = { '^.+\\.ts$': ['@swc/jest'] };
// Tests that load the whole machine on purpose are named `*.load.test.ts`.
const loadTests = { glob: '**/*.load.test.ts', pattern: '\\.load\\.test\\.ts$' };
/** The projects under test/, against the services jest's global setup starts. */
const services = {
  transform,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests wait on real services; timing thresholds never live in tests.
  testTimeout: 180000,
  // Test files run in worker processes, never in band, and a worker is replaced after each file:
  // the Temporal SDK's native runtime is process-wide and must not be re-initialised by a second
  // test file's module registry in the same process.
  maxWorkers: 2,
  workerIdleMemoryLimit: '50MB',
  projects: [
    {
      displayName: 'unit',
      transform,
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/{workflows,schemas,domain,server,worker,platform}/**/*.test.ts',
        '<rootDir>/editor/src/{workflows,inbox}/**/*.test.ts',
      ],
    },
    {
      ...services,
      displayName: 'integration',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: [loadTests.pattern],
    },
    // `npm test` runs these on their own after the others, so their load never slows a
    // neighbouring test's waits.
    { ...services, displayName: 'load', testMatch: [loadTests.glob] },
  ],
};
