import { cohortByProgramme, standingsByProgramme, weekLabel } from './cohort-report';
import { eligibleMentors, MentorSummary } from './eligible-mentors';
import type { RiskPolicyReply } from '@mentoring/contracts';
import { applyPolicyForm, policyChanges, policyFields, policyFormOf } from './policy-form';
import { previewView } from './policy-preview';

// As parsed from the service: settings the reply class does not name (the window) are kept.
const stored = {
  program: 'MBBS',
  version: 3,
  thresholds: { watch: null, atRisk: 70, urgent: 60 },
  passMark: 50,
  hysteresisMargin: 3,
  minSummatives: 2,
  window: { kind: 'last-n', count: 6 },
};
const policy: RiskPolicyReply = stored;

describe('policy form', () => {
  it('fills the form from the policy in force, a switched-off setting left blank', () => {
    expect(policyFields(policy).map((field) => [field.name, field.value])).toEqual([
      ['thresholds.watch', ''],
      ['thresholds.atRisk', '70'],
      ['thresholds.urgent', '60'],
      ['passMark', '50'],
      ['hysteresisMargin', '3'],
      ['minSummatives', '2'],
    ]);
  });

  it('puts the typed settings into the policy and keeps every other setting as it is', () => {
    const form = policyFormOf({ _csrf: 'token', 'thresholds.watch': '75', 'thresholds.atRisk': '65', 'thresholds.urgent': '55', passMark: '50', hysteresisMargin: '3', minSummatives: '2' });
    const { body, problems } = applyPolicyForm(policy, form);

    expect(problems).toEqual([]);
    expect(body).toEqual({ thresholds: { watch: 75, atRisk: 65, urgent: 55 }, passMark: 50, hysteresisMargin: 3, minSummatives: 2, window: { kind: 'last-n', count: 6 } });
    expect(policyChanges(policy, body)).toEqual([
      { label: 'Watch below (% summative mean; blank for none)', from: 'off', to: '75' },
      { label: 'At risk below (% summative mean)', from: '70', to: '65' },
      { label: 'Urgent below (% summative mean)', from: '60', to: '55' },
    ]);
  });

  it('lists every field that is not a number', () => {
    const { problems } = applyPolicyForm(policy, { 'thresholds.atRisk': 'seventy', 'thresholds.urgent': '', passMark: '50', hysteresisMargin: '3', minSummatives: '2' });

    expect(problems).toEqual([
      { field: 'thresholds.atRisk', problem: 'must be a number' },
      { field: 'thresholds.urgent', problem: 'must be a number' },
    ]);
  });
});

describe('policy preview', () => {
  it('shows students per level before and after, and each move in words', () => {
    const view = previewView({
      program: 'MBBS',
      currentPolicyVersion: 3,
      studentsAssessed: 10,
      wouldChange: 3,
      levels: { current: { ok: 6, watch: 2, 'at-risk': 2, urgent: 0 }, proposed: { ok: 4, watch: 4, 'at-risk': 1, urgent: 1 } },
      moves: [
        { from: 'ok', to: 'watch', students: 2 },
        { from: 'at-risk', to: 'urgent', students: 1 },
      ],
    });

    expect(view.levels).toEqual([
      { level: 'ok', now: 6, proposed: 4, difference: '-2' },
      { level: 'watch', now: 2, proposed: 4, difference: '+2' },
      { level: 'at-risk', now: 2, proposed: 1, difference: '-1' },
      { level: 'urgent', now: 0, proposed: 1, difference: '+1' },
    ]);
    expect(view.moves).toEqual(['2 students from ok to watch', '1 student from at-risk to urgent']);
    expect(view.changesAnything).toBe(true);
  });
});

describe('cohort standings', () => {
  it('groups years by programme with a total over the years', () => {
    const row = (program: string, yearOfStudy: number, watch: number, atRisk: number) => ({
      program,
      yearOfStudy,
      students: 10,
      levels: { ok: 10 - watch - atRisk, watch, 'at-risk': atRisk, urgent: 0 },
      flagRate: (watch + atRisk) / 10,
      supportRate: atRisk / 10,
    });
    const [bbms, mbbs] = standingsByProgramme([row('MBBS', 2, 1, 1), row('MBBS', 1, 2, 0), row('BBMS', 1, 0, 0)]);

    expect(bbms.program).toBe('BBMS');
    expect(mbbs.years.map((year) => year.yearOfStudy)).toEqual([1, 2]);
    expect(mbbs.total).toMatchObject({ students: 20, levels: { ok: 16, watch: 3, 'at-risk': 1, urgent: 0 }, flagRate: 0.2, supportRate: 0.05 });
  });
});

describe('cohort flag trend', () => {
  const week = (program: string, weekStarting: string, flagged: number, backToOk: number) => ({ program, week: '', weekStarting, flagged, backToOk });
  const standing = (program: string) => ({ program, yearOfStudy: 1, students: 1, levels: { ok: 1, watch: 0, 'at-risk': 0, urgent: 0 }, flagRate: 0, supportRate: 0 });

  it("puts each programme's weeks beside its standings, oldest first, the current week marked as not over", () => {
    const trend = [week('MBBS', '2026-11-23', 1, 0), week('MD', '2026-11-23', 4, 4), week('MBBS', '2026-11-16', 3, 2)];
    const [mbbs, md] = cohortByProgramme([standing('MD'), standing('MBBS')], trend);

    expect(mbbs.trend).toEqual([
      { label: 'Week 47, from 16 Nov 2026', flagged: 3, backToOk: 2 },
      { label: 'Week 48, from 23 Nov 2026 (so far)', flagged: 1, backToOk: 0 },
    ]);
    expect(md).toMatchObject({ program: 'MD', trend: [{ label: 'Week 48, from 23 Nov 2026 (so far)', flagged: 4, backToOk: 4 }] });
  });

  it('gives a programme without trend rows an empty trend', () => {
    expect(cohortByProgramme([standing('BBMS')], [])[0].trend).toEqual([]);
  });

  it('names ISO weeks by their Monday, including a week that starts in the previous year', () => {
    expect(weekLabel('2025-12-29', false)).toBe('Week 1, from 29 Dec 2025');
  });
});

describe('mentors a case can be given to', () => {
  const mentor = (mentorId: string, changes: Partial<MentorSummary> = {}): MentorSummary => ({
    mentorId,
    displayName: `Dr ${mentorId}`,
    programs: ['MBBS'],
    maxOpenCases: 4,
    openCases: 1,
    active: true,
    onLeaveNow: false,
    ...changes,
  });

  it('keeps mentors within the hard constraints, most free capacity first', () => {
    const mentors = [
      mentor('busy', { openCases: 3 }),
      mentor('free', { openCases: 0 }),
      mentor('full', { openCases: 4 }),
      mentor('away', { onLeaveNow: true }),
      mentor('inactive', { active: false }),
      mentor('bbms', { programs: ['BBMS'] }),
      mentor('current'),
      mentor('left'),
    ];

    expect(eligibleMentors({ program: 'MBBS', mentorId: 'current', mentorsWhoLeft: ['left'] }, mentors)).toEqual([
      { mentorId: 'free', label: 'Dr free (0 of 4 cases)' },
      { mentorId: 'busy', label: 'Dr busy (3 of 4 cases)' },
    ]);
  });
});
