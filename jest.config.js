// Two projects: every suite on the default edge (botbuilder), and the HTTP-level suites of the
// Teams edge again on the Microsoft 365 Agents SDK edge (BOT_SDK=agents), so both edges pass one suite.
// `npm test -- tests/teams` runs those suites on both; the Agents Playground test runs on both too.
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose (under @microsoft/agents-hosting's jwks-rsa) is ESM only; Node 20 requires it natively, jest's
    // module system does not, so it is compiled to CommonJS for the tests.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Suites that start servers and databases are slow on a 2-core machine.
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'botbuilder', roots: ['<rootDir>/tests'], testMatch: ['**/*.test.ts'] },
    {
      ...common,
      displayName: 'agents',
      roots: ['<rootDir>/tests'],
      testMatch: [
        '<rootDir>/tests/teams/**/*.test.ts',
        '<rootDir>/tests/conversation/rate-limit.test.ts',
        '<rootDir>/tests/playground/playground.test.ts',
        // The endpoint's guards (protocol/endpoint.ts) under faults: the same code on both edges, proven on both.
        '<rootDir>/tests/reliability/{redelivery,connector-faults,token-authority}.test.ts',
      ],
      // auth.test.ts pins botbuilder's own refusal messages; tests/edges holds the auth matrix both edges pass.
      testPathIgnorePatterns: ['/tests/teams/auth\\.test\\.ts$'],
      setupFiles: ['<rootDir>/tests/support/agents-edge.ts'],
    },
  ],
};
