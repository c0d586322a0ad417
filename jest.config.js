// One config, one project per kind of test (see ARCHITECTURE.md: test/).
// DynamoDB Local is started once for the whole run by test/support/global-setup.ts.
const transform = {
  // Transpile only (types are checked by `tsc` in `npm test`); JS too, for the ESM-only packages below.
  '^.+\\.(t|j|mj)sx?$': [
    'ts-jest',
    {
      tsconfig: { module: 'commonjs', moduleResolution: 'node10', target: 'es2022', allowJs: true, esModuleInterop: true, resolveJsonModule: true, isolatedModules: true, sourceMap: true },
      diagnostics: false,
    },
  ],
};
// middy and a few others ship ESM only; jest runs CommonJS, so they are transformed too.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose)/)'];

const project = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  ...extra,
});

module.exports = {
  // End-to-end tests drive a whole stack (and one drives `npm start`); jest's 5 s default is for unit tests.
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    project('unit'),
    project('handlers'),
    project('integration'),
    // Every request and response of the e2e suite is checked against the API document.
    project('e2e', { setupFilesAfterEnv: ['<rootDir>/test/support/openapi-contract-setup.ts'] }),
    project('infra'),
    project('browser'),
  ],
};
