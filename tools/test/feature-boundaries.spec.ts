import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The workspace's own lint configuration, applied to code placed at paths inside a service, so the
// test proves what `nx lint` enforces rather than the rule in isolation. ESLint loads its config
// as an ES module, which Jest's CommonJS runtime cannot, so one child process lints every sample.
const repoRoot = path.resolve(__dirname, '../..');
const LINT_SAMPLES = `
import { ESLint } from 'eslint';
const samples = JSON.parse(await new Promise((resolve) => { let text = ''; process.stdin.on('data', (c) => (text += c)); process.stdin.on('end', () => resolve(text)); }));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { file, code } of samples) {
  const [result] = await eslint.lintText(code, { filePath: file });
  out.push(result.messages.filter((m) => m.ruleId === 'mentoring/no-foreign-infrastructure' || m.ruleId === 'no-restricted-imports').map((m) => m.ruleId + ': ' + m.message));
}
process.stdout.write(JSON.stringify(out));
`;

interface Sample {
  file: string;
  code: string;
}
const samples: Sample[] = [];
let results: string[][] | undefined;

/** Registers a sample now; its messages are read after the one lint run in beforeAll. */
function violations(file: string, code: string): () => string[] {
  const index = samples.push({ file: path.join(repoRoot, file), code }) - 1;
  return () => {
    if (!results) throw new Error('lint has not run');
    return results[index];
  };
}

const use = (specifier: string, name = 'x') => `import { ${name} } from '${specifier}';\nexport const used = ${name};\n`;

const DOMAIN_BANNED = ['@nestjs/common', 'typeorm', 'kafkajs', 'pg', '@mentoring/messaging', '@mentoring/persistence', '@mentoring/observability', '@mentoring/platform', '@mentoring/auth'];

describe('boundaries inside a service', () => {
  const foreign = violations('services/mentor-matching/src/cases/cases.service.ts', use('../mentors/infrastructure/mentor.entity'));
  const foreignDeep = violations('services/notification/src/delivery/domain/plan.ts', use('../../messages/infrastructure/message.entity'));
  const foreignReexport = violations('services/notification/src/inbox/index.ts', "export * from '../messages/infrastructure/message.store';\n");
  const ownInfrastructure = violations('services/mentor-matching/src/cases/cases.service.ts', use('./infrastructure/cases.store'));
  const ownInfrastructureFromDomain = violations('services/mentor-matching/src/cases/domain/transitions.ts', use('../../cases/infrastructure/cases.store'));
  const port = violations('services/mentor-matching/src/cases/cases.service.ts', use('../mentors/mentor-capacity'));
  const compositionRoot = violations('services/mentor-matching/src/app.module.ts', use('./mentors/infrastructure/mentor.entity'));
  const spec = violations('services/mentor-matching/src/cases/cases.service.spec.ts', use('../mentors/infrastructure/mentor.entity'));
  const inDomain = DOMAIN_BANNED.map((specifier) => [specifier, violations('services/risk-scoring/src/scoring/domain/score.ts', use(specifier))] as const);
  const contractsInDomain = violations('services/risk-scoring/src/scoring/domain/score.ts', use('@mentoring/contracts'));
  const nestOutsideDomain = violations('services/risk-scoring/src/scoring/scoring.service.ts', use('@nestjs/common'));
  const harnessInDomain = violations('services/risk-scoring/src/scoring/domain/score.ts', use('@mentoring/testing'));

  beforeAll(() => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_SAMPLES], {
      cwd: repoRoot,
      input: JSON.stringify(samples),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    results = JSON.parse(output);
  }, 120_000);

  it("refuses a feature importing another feature's infrastructure/", () => {
    expect(foreign()).toEqual([expect.stringContaining("infrastructure of feature 'mentors'")]);
  });

  it('refuses it from deeper folders too, and for re-exports', () => {
    expect(foreignDeep()).toEqual([expect.stringContaining("infrastructure of feature 'messages'")]);
    expect(foreignReexport()).toEqual([expect.stringContaining("infrastructure of feature 'messages'")]);
  });

  it("lets a feature use its own infrastructure/ and another feature's port", () => {
    expect(ownInfrastructure()).toEqual([]);
    expect(ownInfrastructureFromDomain()).toEqual([]);
    expect(port()).toEqual([]);
  });

  it('leaves the composition root and tests free to wire every feature', () => {
    expect(compositionRoot()).toEqual([]);
    expect(spec()).toEqual([]);
  });

  it('refuses Nest, TypeORM, kafkajs, pg and the platform libraries in a domain/ folder', () => {
    for (const [specifier, found] of inDomain) {
      expect({ specifier, found: found() }).toEqual({ specifier, found: [expect.stringContaining('domain/')] });
    }
  });

  it('lets domain/ use the contracts, and the same packages outside domain/', () => {
    expect(contractsInDomain()).toEqual([]);
    expect(nestOutsideDomain()).toEqual([]);
  });

  it('still keeps the test harness out of domain/ code', () => {
    expect(harnessInDomain()).toEqual([expect.stringContaining('libs/testing is for tests only')]);
  });
});
