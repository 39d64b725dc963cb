/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  // jsii compiles lib/*.ts to .js beside the sources; tests must load the .ts.
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
};

module.exports = {
  globalSetup: '<rootDir>/test/generate-parser.global-setup.js',
  projects: [
    {
      ...common,
      displayName: 'cdktf',
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
      snapshotResolver: '<rootDir>/test/cdktn/snapshot-resolver-cdktf.js',
    },
    {
      // The tests that build stacks, again on cdktn: every source is rewritten as for the
      // cdktn-azure-vpn package (scripts/cdktn-variant.ts) before ts-jest compiles it.
      ...common,
      displayName: 'cdktn',
      testMatch: [
        '<rootDir>/test/constructs/**/*.test.ts',
        '<rootDir>/test/examples.test.ts',
        '<rootDir>/test/reach/api.test.ts',
        '<rootDir>/test/reach/enterprise-example.test.ts',
        '<rootDir>/test/framework/**/*.test.ts',
      ],
      // 500 spokes, framework-neutral: the cdktf run covers it.
      testPathIgnorePatterns: ['/node_modules/', '\\.scale\\.test\\.ts$'],
      transform: { '^.+\\.ts$': ['<rootDir>/test/cdktn/transformer.js', { tsconfig: 'tsconfig.dev.json' }] },
      snapshotResolver: '<rootDir>/test/cdktn/snapshot-resolver-cdktn.js',
    },
  ],
};
