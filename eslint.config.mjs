import nx from '@nx/eslint-plugin';
import { DOMAIN_BANNED_IMPORTS, featureBoundaries } from './tools/eslint/feature-boundaries.mjs';

const services = ['grade-ingest', 'risk-scoring', 'mentor-matching', 'notification', 'console'];

// Two tag dimensions: scope (who owns it) and type (what layer it is). A service may use its own
// scope and shared libraries; shared libraries never reach into a service.
const scopeConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...services.map((service) => ({
    sourceTag: `scope:${service}`,
    onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared'],
  })),
];

// Every layer may use the test harness from its tests; the rule below keeps it out of product code.
const typeConstraints = [
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'],
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'nestjs-pino', 'prom-client'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
  {
    sourceTag: 'type:messaging',
    onlyDependOnLibsWithTags: ['type:messaging', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'],
  },
  // The composition root: the only layer that sees every other one, and none of them sees it.
  {
    sourceTag: 'type:platform',
    onlyDependOnLibsWithTags: ['type:messaging', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:messaging', 'type:data-access', 'type:util', 'type:contracts'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:platform', 'type:messaging', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'],
  },
];

// The harness boots services the platform's way, and the libraries under the platform are tested
// with the harness: a cycle through test files only (product code never imports the harness). The
// two libraries' project.json drop that edge (`"implicitDependencies": ["!testing"]`) so `build`'s
// task graph has no cycle either.
const harnessCycles = [
  ['testing', 'platform'],
  ['testing', 'messaging'],
];

const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**', 'libs/testing/**', 'tools/bench/**', 'tools/scripts/**'];
const testingOnlyInTests = { name: '@mentoring/testing', message: 'libs/testing is for tests only.' };

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tmp', 'bench/results', 'test-output'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          ignoredCircularDependencies: harnessCycles,
          depConstraints: [...scopeConstraints, ...typeConstraints],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The test harness is for tests only; product code never depends on it.
    files: ['**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { paths: [testingOnlyInTests] }],
    },
  },
  {
    // Inside a service: no feature imports another feature's infrastructure/ (tables have one owner).
    files: ['services/*/src/**/*.ts'],
    ignores: testFiles,
    plugins: { mentoring: featureBoundaries },
    rules: { 'mentoring/no-foreign-infrastructure': 'error' },
  },
  {
    // A feature's domain/ is plain TypeScript: no framework, database, broker or platform library.
    files: ['services/*/src/**/domain/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { paths: [testingOnlyInTests], patterns: DOMAIN_BANNED_IMPORTS }],
    },
  },
];
