// One config, one project per kind of test (see ARCHITECTURE.md: test/).
// DynamoDB Local is started once for the whole run by test/support/global-setup.ts.
const transform = {
  '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
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
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    project('unit'),
    project('handlers'),
    project('integration'),
    project('e2e'),
    project('infra'),
    project('browser'),
  ],
};
