/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // isolatedModules: transpile only (type checking is `npm run typecheck`), which keeps the suite fast.
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/reporters/totals-reporter.js'],
};
