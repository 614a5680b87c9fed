// ESM throughout: @linear/sdk 98 ships ESM only, so the tests run under
// Node's VM modules (see README, "Module setup") with ts-jest in ESM mode.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 30000,
  // Two test files at a time on CI's two cores: most files wait on Redis, sockets and spawned processes,
  // so two side by side take 3 minutes where one at a time took 7. Each file keeps to its own Redis keys
  // (test/redis-prefix.ts) or its own Redis on a free port, and its own ports.
  maxWorkers: 2,
};
