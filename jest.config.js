/**
 * One jest run for everything, so CI gets one total: unit, property, CLI and fuzz tests (project "unit"),
 * and the add-in in headless Chromium (project "e2e": builds with webpack, Office.js replaced by the fake).
 */
const transform = {
  // tsconfig's isolatedModules makes ts-jest transpile only (types are checked by `npm run typecheck`): fast.
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 240000,
  reporters: ['default', '<rootDir>/test/reporters/totals-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      // Tests live under test/, never in src/: test/<path in src>.test.ts, plus the cross-cutting suites.
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.ts'],
      transform,
    },
  ],
};
