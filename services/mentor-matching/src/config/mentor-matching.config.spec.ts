import { ConfigError, loadConfig } from '@mentoring/config';
import { MentorMatchingConfig } from './mentor-matching.config';

// A developer's environment: the public development keys are accepted, so only mentor-matching's own variables are under test.
const DEV = { MENTORING_DEV_MODE: 'true' };

describe('MentorMatchingConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig(MentorMatchingConfig, DEV)).toMatchObject({ PORT: 3003, SLA_HOURS: 48, WATCH_OPENS_CASE_PROGRAMS: [], DEFAULT_STUDENT_TIME_ZONE: 'UTC' });
  });

  it('reads numbers and lists from the environment’s strings', () => {
    const config = loadConfig(MentorMatchingConfig, { ...DEV, SLA_HOURS: '24', MATCH_BURST_WINDOW_MS: '500', WATCH_OPENS_CASE_PROGRAMS: 'MD, MBBS' });
    expect(config).toMatchObject({ SLA_HOURS: 24, MATCH_BURST_WINDOW_MS: 500, WATCH_OPENS_CASE_PROGRAMS: ['MD', 'MBBS'] });
  });

  it('stops with the name of every bad variable', () => {
    expect(badVariables({ SLA_HOURS: '0', DEFAULT_STUDENT_TIME_ZONE: 'Mars/Base', WATCH_OPENS_CASE_PROGRAMS: 'mbbs' })).toEqual([
      'SLA_HOURS',
      'WATCH_OPENS_CASE_PROGRAMS',
      'DEFAULT_STUDENT_TIME_ZONE',
    ]);
  });
});

function badVariables(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(MentorMatchingConfig, { ...DEV, ...env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.variable);
  }
}
