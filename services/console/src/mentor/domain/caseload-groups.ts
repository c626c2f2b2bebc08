import { CASE_PHASES, CaseloadEntryReply, CasePhase } from '@mentoring/contracts';

export interface PhaseGroup {
  phase: CasePhase;
  cases: CaseloadEntryReply[];
}

/** A caseload as a mentor works through it: first what waits for their answer, then their students by phase. */
export interface CaseloadGroups {
  /** Matched to this mentor and not yet accepted, the nearest deadline first. */
  awaitingAnswer: CaseloadEntryReply[];
  /** Accepted cases, in phase order; phases without a case are left out. */
  activeByPhase: PhaseGroup[];
  empty: boolean;
}

export function groupCaseload(entries: readonly CaseloadEntryReply[]): CaseloadGroups {
  const awaitingAnswer = entries.filter((entry) => entry.status === 'matched').sort(byDeadline);
  const active = entries.filter((entry) => entry.status === 'active');
  const activeByPhase = CASE_PHASES.map((phase) => ({ phase, cases: active.filter((entry) => entry.phase === phase).sort(byNextMeeting) })).filter(
    (group) => group.cases.length > 0,
  );
  return { awaitingAnswer, activeByPhase, empty: awaitingAnswer.length === 0 && active.length === 0 };
}

function byDeadline(a: CaseloadEntryReply, b: CaseloadEntryReply): number {
  return instantOrLast(a.slaDeadline) - instantOrLast(b.slaDeadline);
}

/** The student whose meeting is due soonest first: that is who needs the mentor's attention next. */
function byNextMeeting(a: CaseloadEntryReply, b: CaseloadEntryReply): number {
  return instantOrLast(a.nextMeetingDueAt) - instantOrLast(b.nextMeetingDueAt);
}

function instantOrLast(iso: string | null): number {
  return iso ? Date.parse(iso) : Number.POSITIVE_INFINITY;
}
