// Shared Jest settings: SWC keeps decorator metadata (Nest, TypeORM, class-validator need it)
// and compiles far faster than type-checking each file; `tsc` in the build/lint targets checks types.
const path = require('node:path');
const fs = require('node:fs');

const swcConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    path.join(__dirname, target),
  ]),
);

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};

/**
 * Two Jest projects per Nx project: `unit` (no infrastructure, *.spec.ts) and `integration`
 * (real Kafka and Postgres found or started by libs/testing, *.int-spec.ts).
 */
function projectJestConfig(projectDir, projectName) {
  return {
    rootDir: projectDir,
    projects: [
      {
        ...common,
        displayName: { name: `${projectName}:unit`, color: 'cyan' },
        rootDir: projectDir,
        testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
      },
      {
        ...common,
        displayName: { name: `${projectName}:integration`, color: 'magenta' },
        rootDir: projectDir,
        testMatch: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
        globalSetup: path.join(__dirname, 'libs/testing/src/jest/global-setup.js'),
        globalTeardown: path.join(__dirname, 'libs/testing/src/jest/global-teardown.js'),
        setupFilesAfterEnv: [path.join(__dirname, 'libs/testing/src/jest/integration-setup.js')],
      },
    ],
  };
}

module.exports = { projectJestConfig, common };
