/**
 * Jest projects:
 * - unit: server, emulator and shared code, in Node (fast; run with `npx jest --selectProjects unit`);
 * - weapp: the WeChat build (dist/weapp) rendered by miniprogram-simulate, in jsdom;
 * - e2e: the H5 build in Debian Chromium against a real local server.
 * `npm test` builds first, then runs all three.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2021',
      transform: { react: { runtime: 'automatic' } },
    },
  },
];
const moduleNameMapper = { '^~types/(.*)$': '<rootDir>/types/$1', '^@/(.*)$': '<rootDir>/src/$1' };

module.exports = {
  // Jest reads testTimeout from the global config only (a project's own is ignored), so it is
  // set here: servers seeded per file on two shared cores can take longer than the 5 s default.
  testTimeout: 120_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      // Generous: each file starts a seeded server, and CI machines are shared and slow.
      testTimeout: 120_000,
      // Strict refusals: an undeclared one is INTERNAL (cloudfunctions/_shared/refusals.ts).
      setupFiles: ['<rootDir>/tests/support/strict-reasons.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/{types,cloudfunctions,emulator}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/tests/weapp/'],
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testTimeout: 300_000,
      // The local servers these tests spawn inherit strict refusals too.
      setupFiles: ['<rootDir>/tests/support/strict-reasons.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
