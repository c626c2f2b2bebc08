import { CASE_PHASES, CasePhase } from '@mentoring/contracts';
import { humanize } from '../../web/view-helpers';
import type { CaseHistoryEntryReply } from '@mentoring/contracts';

export interface ReasonInWords {
  heading: string;
  /** risk-scoring's own sentence with the figures, written for mentors. */
  detail: string;
}

// risk-scoring's reason codes as a mentor would say them; an unknown code still reads as words.
const REASON_HEADINGS: Record<string, string> = {
  'summative-mean-below-urgent': 'Exam marks are well under the support line',
  'summative-mean-below-at-risk': 'Exam marks are under the support line',
  'summative-mean-below-watch': 'Exam marks are close to the support line',
  'latest-summative-below-pass-mark': 'The latest exam mark was under the pass mark',
  'downward-trend': 'Marks have been going down',
  'low-formative-mean': 'Practice (formative) marks are low',
  'missed-submissions': 'Some work was not handed in',
  'missed-sessions': 'Mentoring sessions were missed',
  improved: 'Things are getting better',
};

/** Why the case was opened, in plain words, for the case's mentor. */
export function reasonsInWords(reasons: ReadonlyArray<{ code: string; summary: string }>): ReasonInWords[] {
  return reasons.map((reason) => ({ heading: REASON_HEADINGS[reason.code] ?? humanize(reason.code), detail: reason.summary }));
}

const PHASE_FOCUS: Record<CasePhase, (studentName: string) => string> = {
  'ice-breaking': (name) =>
    `Get to know ${name} as a person first: how the year is going, what they enjoy, and how often they would like to meet. Leave marks for later; opening with them feels like a report, not support.`,
  'structured-engagement': (name) => `Short, regular sessions on the courses below, with goals ${name} helps to set, and a check on how they are doing overall.`,
  'self-directed': (name) => `Let ${name} lead, with their own goals, career plans and interests; you are there when they want a sounding board.`,
};

export interface SuggestedFocus {
  focus: string;
  /** The courses to work on; only once the relationship has moved past ice-breaking. */
  courses: string[];
}

/** What the mentor might aim for in this phase (relationship before remediation). */
export function suggestedFocus(phase: CasePhase, studentName: string, weakCourses: readonly string[]): SuggestedFocus {
  return { focus: PHASE_FOCUS[phase](studentName), courses: phase === 'ice-breaking' ? [] : [...weakCourses] };
}

/** The phases a case may move to from `phase`: one step forward or back. */
export function neighbouringPhases(phase: CasePhase): CasePhase[] {
  const index = CASE_PHASES.indexOf(phase);
  return CASE_PHASES.filter((_, other) => Math.abs(other - index) === 1);
}

const HISTORY_WORDS: Record<string, string> = {
  opened: 'Case opened',
  matched: 'Matched with a mentor',
  waitlisted: 'Waiting for a mentor with time',
  accepted: 'Mentor accepted',
  declined: 'Mentor declined',
  reassigned: 'Given to another mentor',
  'reminder-due': 'Reminder sent to answer',
  escalated: 'Coordinator brought in',
  'slots-proposed': 'New meeting times offered',
  'slot-confirmed': 'Meeting time confirmed',
  'session-logged': 'Session logged',
  'phase-changed': 'Phase changed',
  'cadence-adjusted': 'Meeting rhythm changed',
  'standing-updated': 'Standing updated',
  'progress-noted': 'Marks improved; student and mentor told',
  closed: 'Case closed',
  'contact-attempt': 'Tried to reach the student',
};

/** One line of a case's history: what happened and, where it helps, the detail. */
export function historyInWords(entry: Pick<CaseHistoryEntryReply, 'kind' | 'details'>): string {
  const what = HISTORY_WORDS[entry.kind] ?? humanize(entry.kind);
  const detail = historyDetail(entry);
  return detail ? `${what}: ${detail}` : what;
}

function historyDetail({ kind, details }: Pick<CaseHistoryEntryReply, 'kind' | 'details'>): string | undefined {
  const field = (name: string) => {
    const value: unknown = details ? Reflect.get(details, name) : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  if (kind === 'phase-changed' && field('from') && field('to')) return `${humanize(field('from'))} to ${humanize(field('to'))}`;
  if (kind === 'session-logged' && field('outcome')) return humanize(field('outcome'));
  if (kind === 'escalated' && field('escalationReason')) return humanize(field('escalationReason'));
  if (kind === 'closed' && field('outcome') === 'referred' && field('referredTo')) return `Referred to ${field('referredTo')}`;
  if (kind === 'closed' && field('outcome')) return humanize(field('outcome'));
  if (kind === 'contact-attempt') return field('note');
  return field('reason');
}
