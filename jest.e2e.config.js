/**
 * Browser tests of the add-in (headless Chromium, Office.js replaced by the in-memory fake).
 * Separate from the unit suite because they build with webpack and start a browser: npm run test:e2e.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 240000,
};
