import { groupCaseload } from './caseload-groups';
import type { CaseloadEntryReply } from '@mentoring/contracts';

function entry(caseId: string, overrides: Partial<CaseloadEntryReply>): CaseloadEntryReply {
  return {
    caseId,
    status: 'active',
    phase: 'ice-breaking',
    student: { studentId: `s-${caseId}`, displayName: `Student ${caseId}`, program: 'MBBS', yearOfStudy: 2 },
    riskLevel: 'at-risk',
    weakCourses: [],
    slaDeadline: null,
    confirmedSlot: null,
    nextMeetingDueAt: null,
    consecutiveMissed: 0,
    openedAt: '2026-11-01T09:00:00Z',
    outcome: null,
    ...overrides,
  };
}

describe('grouping a caseload', () => {
  it('puts cases waiting for an answer first, the nearest deadline first', () => {
    const groups = groupCaseload([
      entry('later', { status: 'matched', slaDeadline: '2026-11-26T10:00:00Z' }),
      entry('active', {}),
      entry('sooner', { status: 'matched', slaDeadline: '2026-11-25T10:00:00Z' }),
    ]);

    expect(groups.awaitingAnswer.map((c) => c.caseId)).toEqual(['sooner', 'later']);
    expect(groups.empty).toBe(false);
  });

  it('groups accepted cases by phase in phase order, the meeting due soonest first, leaving out empty phases', () => {
    const groups = groupCaseload([
      entry('self', { phase: 'self-directed' }),
      entry('ice-late', { nextMeetingDueAt: '2026-12-09T09:00:00Z' }),
      entry('ice-unplanned', {}),
      entry('ice-soon', { nextMeetingDueAt: '2026-12-02T09:00:00Z' }),
    ]);

    expect(groups.activeByPhase.map((group) => [group.phase, group.cases.map((c) => c.caseId)])).toEqual([
      ['ice-breaking', ['ice-soon', 'ice-late', 'ice-unplanned']],
      ['self-directed', ['self']],
    ]);
  });

  it('says so when there is nothing to show', () => {
    expect(groupCaseload([])).toEqual({ awaitingAnswer: [], activeByPhase: [], empty: true });
  });
});
