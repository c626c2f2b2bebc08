import { emptyTallies } from './channel-tally';
import { DemoSummary, formatDemoSummary, formatProgress } from './demo-summary';
import { snapshotOf } from '../../test/snapshot-fixture';

function finishedSnapshot() {
  const grades = emptyTallies();
  grades.rest = { sent: 10, outcomes: { accepted: 7, amended: 1, duplicate: 1, rejected: 1 }, rejectedFields: { score: 1 } };
  grades.kafka = { sent: 5, outcomes: { accepted: 4, amended: 0, duplicate: 0, rejected: 1 }, rejectedFields: {} };
  return snapshotOf({
    grades,
    standings: { ok: 6, watch: 2, 'at-risk': 1, urgent: 1 },
    cases: { open: 0, waitlisted: 1, matched: 2, active: 1, closed: 0 },
    delivered: { email: { student: 1, mentor: 3, coordinator: 1 }, inbox: { student: 1, mentor: 3, coordinator: 1 } },
  });
}

describe('demo output', () => {
  it('fits the live state into one progress line', () => {
    expect(formatProgress(finishedSnapshot(), 12_345)).toBe(
      '12.3 s | grades REST 10/10 (1 rej) Kafka 5/5 (1 rej) OneRoster 0/0 (0 rej) | standings 10 (2 watch, 2 at-risk/urgent) | cases 4 (3 matched, 1 waitlisted) | delivered 10',
    );
  });

  it('sums up grades, standings, cases, messages, latency and links', () => {
    const summary: DemoSummary = {
      cohort: { students: 10, mentors: 2, coordinators: 4, feedRecords: 15, feedByKind: { original: 12, duplicate: 1, amendment: 1, malformed: 1 } },
      final: finishedSnapshot(),
      waitlist: 1,
      acceptedByMentors: 1,
      followThrough: {
        clockMovedDays: 15,
        booked: 3,
        stalledOnPurpose: 1,
        sessionsLogged: 3,
        metWithin7Days: { days: 7, cases: 4, met: 3, share: 0.75 },
        metWithin14Days: { days: 14, cases: 4, met: 3, share: 0.75 },
        flagToFirstMeeting: { count: 3, medianHours: 40, p90Hours: 52.5 },
        nudges: 2,
      },
      flagToFirstContact: { count: 1, medianHours: 0.5, p90Hours: 2 },
      gradeToEmail: { count: 5, p50Ms: 7_300, p99Ms: 10_400 },
      elapsedMs: 27_000,
      links: [{ label: 'Emails (SMTP catcher)', url: 'http://127.0.0.1:1080' }],
      consoleSignIn: ['Console http://127.0.0.1:3000, every demo account\'s password is "mentoring-demo":'],
    };
    const text = formatDemoSummary(summary);
    expect(text).toContain('Console http://127.0.0.1:3000, every demo account\'s password is "mentoring-demo":');
    expect(text).toContain('Registrar feed: 15 records (12 original, 1 duplicate, 1 amendment, 1 malformed)');
    expect(text).toContain('REST           10 sent: accepted 7, amended 1, duplicate 1, rejected 1');
    expect(text).toContain('rejected for: score 1');
    expect(text).toContain('rejected for: see the dead letters (npm run ops -- dlq list grade-ingest)');
    expect(text).toContain('ok 6 (60.0%), watch 2 (20.0%), at-risk 1 (10.0%), urgent 1 (10.0%)');
    expect(text).toContain('matched to a mentor 3 (accepted by the mentor 1), waitlisted 1, closed 0');
    expect(text).toContain('flag -> first contact (mentor accepts): median 30 min, p90 2.0 h over 1 cases');
    expect(text).toContain('Follow-through (the development clock moved 15 days on, so meetings, reminders and nudges happened)');
    expect(text).toContain('first meeting booked by the mentor 3, pairs stalled on purpose 1, sessions logged 3');
    expect(text).toContain('met within 7 days: 3 of 4 flagged students (75.0%); within 14 days: 3 of 4 flagged students (75.0%)');
    expect(text).toContain('flag -> first meeting: median 40.0 h, p90 52.5 h over 3 cases');
    expect(text).toContain('nudges sent for stalled pairs: 2');
    expect(text).toContain('email: 1 to students, 3 to mentors, 1 to coordinators');
    expect(text).toContain('grade accepted -> email sent: p50 7.3 s, p99 10.4 s over 5 emails');
    expect(text).toContain('Emails (SMTP catcher)        http://127.0.0.1:1080');
  });
});

describe('demo output without a development clock', () => {
  it('says time did not move and that no case is old enough to count', () => {
    const none = { count: 0, medianHours: null, p90Hours: null };
    const text = formatDemoSummary({
      cohort: { students: 1, mentors: 1, coordinators: 4, feedRecords: 1, feedByKind: { original: 1, duplicate: 0, amendment: 0, malformed: 0 } },
      final: finishedSnapshot(),
      waitlist: 0,
      acceptedByMentors: 1,
      followThrough: {
        clockMovedDays: 0,
        booked: 1,
        stalledOnPurpose: 0,
        sessionsLogged: 0,
        metWithin7Days: { days: 7, cases: 0, met: 0, share: null },
        metWithin14Days: { days: 14, cases: 0, met: 0, share: null },
        flagToFirstMeeting: none,
        nudges: 0,
      },
      flagToFirstContact: none,
      gradeToEmail: { count: 0, p50Ms: null, p99Ms: null },
      elapsedMs: 1_000,
      links: [],
      consoleSignIn: [],
    });
    expect(text).toContain('Follow-through (no development clock: time did not move, so no meeting has taken place yet)');
    expect(text).toContain('met within 7 days: no case flagged 7 days ago yet; within 14 days: no case flagged 14 days ago yet');
    expect(text).toContain('flag -> first meeting: no case has met yet');
  });
});
