import { decideIntake, IntakePolicy, RiskIntake } from './case-intake';

const policy: IntakePolicy = { watchOpensCaseInPrograms: ['MD'] };
const intake = (overrides: Partial<RiskIntake>): RiskIntake => ({
  level: 'at-risk',
  previousLevel: 'ok',
  program: 'MBBS',
  openCaseStatus: null,
  hasEarlierCase: false,
  cause: 'grade',
  reasonCodes: [],
  ...overrides,
});

describe('deciding what a risk assessment means for matching', () => {
  it('opens a case on entering at-risk or urgent', () => {
    expect(decideIntake(intake({ level: 'at-risk', previousLevel: 'watch' }), policy)).toBe('open-case');
    expect(decideIntake(intake({ level: 'urgent', previousLevel: 'ok', hasEarlierCase: true }), policy)).toBe('open-case');
  });

  it('opens a case on watch only in the programmes that ask for it', () => {
    expect(decideIntake(intake({ level: 'watch' }), policy)).toBe('ignore');
    expect(decideIntake(intake({ level: 'watch', program: 'MD' }), policy)).toBe('open-case');
  });

  it('does not chase a student whose case closed while their level stayed put', () => {
    expect(decideIntake(intake({ level: 'at-risk', previousLevel: 'at-risk', hasEarlierCase: true }), policy)).toBe('ignore');
  });

  it('opens a case for a level it has never seen the entry into', () => {
    expect(decideIntake(intake({ level: 'at-risk', previousLevel: 'at-risk', hasEarlierCase: false }), policy)).toBe('open-case');
  });

  it('opens a new case when the level gets worse after a closed case', () => {
    expect(decideIntake(intake({ level: 'urgent', previousLevel: 'at-risk', hasEarlierCase: true }), policy)).toBe('open-case');
  });

  it('keeps the newest standing on an open case instead of opening another', () => {
    expect(decideIntake(intake({ level: 'urgent', previousLevel: 'at-risk', openCaseStatus: 'matched' }), policy)).toBe('update-open-case');
    expect(decideIntake(intake({ level: 'ok', previousLevel: 'at-risk', openCaseStatus: 'active' }), policy)).toBe('update-open-case');
  });

  it('closes a case nobody has taken on yet when the student is fine again', () => {
    for (const status of ['open', 'waitlisted', 'matched'] as const) {
      expect(decideIntake(intake({ level: 'ok', previousLevel: 'at-risk', openCaseStatus: status }), policy)).toBe('close-improved');
    }
  });

  it('never closes a case as improved when no mark changed (a policy re-score, a session, an older producer)', () => {
    for (const cause of ['policy', 'engagement', undefined] as const) {
      for (const status of ['open', 'waitlisted', 'matched'] as const) {
        expect(decideIntake(intake({ level: 'ok', previousLevel: 'at-risk', openCaseStatus: status, cause }), policy)).toBe('update-open-case');
      }
    }
  });

  it('notes progress on an active case when the student’s marks lift their level', () => {
    const improved = { level: 'watch', previousLevel: 'at-risk', openCaseStatus: 'active', reasonCodes: ['improved'] } as const;
    expect(decideIntake(intake(improved), policy)).toBe('note-progress');
    expect(decideIntake(intake({ ...improved, level: 'ok' }), policy)).toBe('note-progress');
  });

  it('notes no progress for a policy change, an unchanged level or a level left for lack of marks', () => {
    const improved = { level: 'watch', previousLevel: 'at-risk', openCaseStatus: 'active', reasonCodes: ['improved'] } as const;
    expect(decideIntake(intake({ ...improved, cause: 'policy' }), policy)).toBe('update-open-case');
    expect(decideIntake(intake({ ...improved, cause: undefined }), policy)).toBe('update-open-case');
    expect(decideIntake(intake({ ...improved, previousLevel: 'watch' }), policy)).toBe('update-open-case');
    expect(decideIntake(intake({ ...improved, reasonCodes: [] }), policy)).toBe('update-open-case');
  });

  it('ignores students who are fine', () => {
    expect(decideIntake(intake({ level: 'ok', previousLevel: 'watch' }), policy)).toBe('ignore');
  });
});
