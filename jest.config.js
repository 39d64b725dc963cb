/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // jsii compiles lib/*.ts to .js beside the sources; tests must load the .ts.
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
};
