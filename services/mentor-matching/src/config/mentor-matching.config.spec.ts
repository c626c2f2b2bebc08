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

  it('reads the meeting reminder leads as hours, and refuses leads that are not positive hours', () => {
    expect(loadConfig(MentorMatchingConfig, DEV).MEETING_REMINDER_LEAD_HOURS).toEqual([24, 1]);
    expect(loadConfig(MentorMatchingConfig, { ...DEV, MEETING_REMINDER_LEAD_HOURS: '48, 2, 0.5' }).MEETING_REMINDER_LEAD_HOURS).toEqual([48, 2, 0.5]);
    expect(badVariables({ MEETING_REMINDER_LEAD_HOURS: '24,soon' })).toEqual(['MEETING_REMINDER_LEAD_HOURS']);
    expect(badVariables({ MEETING_REMINDER_LEAD_HOURS: '0' })).toEqual(['MEETING_REMINDER_LEAD_HOURS']);
    expect(badVariables({ MEETING_REMINDER_LEAD_HOURS: '24,24' })).toEqual(['MEETING_REMINDER_LEAD_HOURS']);
    expect(badVariables({ NUDGE_NOT_BOOKED_DAYS: '0', UNREACHABLE_AFTER_ATTEMPTS: 'three' })).toEqual(['NUDGE_NOT_BOOKED_DAYS', 'UNREACHABLE_AFTER_ATTEMPTS']);
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
