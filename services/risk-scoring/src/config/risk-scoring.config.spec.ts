import { ConfigError, loadConfig } from '@mentoring/config';
import { parseMonthDay } from './month-day';
import { RiskScoringConfig } from './risk-scoring.config';

const DEVELOPMENT = { MENTORING_DEV_MODE: 'true' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(RiskScoringConfig, { ...DEVELOPMENT, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe('RiskScoringConfig academic year', () => {
  it('starts the academic year on 1 August unless told otherwise', () => {
    expect(loadConfig(RiskScoringConfig, DEVELOPMENT).ACADEMIC_YEAR_START).toBe('08-01');
    expect(loadConfig(RiskScoringConfig, { ...DEVELOPMENT, ACADEMIC_YEAR_START: '09-15' }).ACADEMIC_YEAR_START).toBe('09-15');
  });

  it('refuses a start that is not a day every year has, naming the variable', () => {
    for (const value of ['02-29', '2026-08-01', '8-1', 'August']) {
      expect(problemsOf({ ACADEMIC_YEAR_START: value })).toEqual(['ACADEMIC_YEAR_START']);
    }
  });

  it('reads a valid start as month and day', () => {
    expect(parseMonthDay('12-31')).toEqual({ month: 12, day: 31 });
    expect(parseMonthDay('08-01')).toEqual({ month: 8, day: 1 });
    for (const text of ['02-29', '04-31', '13-01', '00-10', '8-1', '08/01', '']) {
      expect(() => parseMonthDay(text)).toThrow(RangeError);
    }
  });
});
