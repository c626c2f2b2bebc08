import { FollowThroughTimerKind, followThroughTimers } from './follow-through';
import { droppedMeetingCancellations } from './meetings';
import type { CaseChange, CasePolicy, CaseTransition, MentoringCase } from './mentoring-case';

export type OfferAnswer = 'accepted' | 'declined' | 'expired' | 'withdrawn';
export type SlaTimerKind = 'sla-reminder' | 'sla-expiry';

/** What a change to an offer means: the pending one answered, or a new one made. */
export type OfferEffect =
  | { readonly kind: 'answer'; readonly response: OfferAnswer; readonly at: Date }
  | { readonly kind: 'offer'; readonly mentorId: string; readonly at: Date };

/**
 * Everything a transition brings along besides the case's own row, for the owners of the other
 * tables to apply in the same transaction: the mentor giving a case back and the one taking it,
 * the offers answered and made, the timers to set (SLA, meeting reminders, nudges), the mentor
 * continuity now prefers, the events to publish.
 */
export interface CaseEffects {
  readonly capacity: { readonly release: string | null; readonly take: string | null };
  readonly offers: readonly OfferEffect[];
  readonly timers: ReadonlyArray<{ readonly kind: SlaTimerKind | FollowThroughTimerKind; readonly dueAt: Date }>;
  readonly acceptedMentorId: string | null;
  readonly events: readonly CaseChange[];
}

/** The effects of moving from `before` to the transition's state, made at `now`. */
export function caseEffects(before: MentoringCase, transition: CaseTransition, policy: CasePolicy, now: Date): CaseEffects {
  const after = transition.state;
  const previousHolder = holderOf(before);
  const nextHolder = holderOf(after);
  const moved = previousHolder !== nextHolder;
  const accepted = transition.changes.find((change) => change.kind === 'accepted');
  return {
    capacity: { release: moved ? previousHolder : null, take: moved ? nextHolder : null },
    offers: transition.changes.flatMap(offerEffects),
    timers: [...slaTimers(before, after), ...followThroughTimers(before, after, policy, now)],
    acceptedMentorId: accepted?.kind === 'accepted' ? accepted.mentorId : null,
    events: [...transition.changes, ...droppedMeetingCancellations(before, after, transition.changes)],
  };
}

/** The mentor whose capacity a case uses: offered (matched) or taken on (active). */
export function holderOf(state: Pick<MentoringCase, 'status' | 'mentorId'>): string | null {
  return state.status === 'matched' || state.status === 'active' ? state.mentorId : null;
}

// The pending offer is answered before a new one is made, so the new one stays pending.
function offerEffects(change: CaseChange): OfferEffect[] {
  const effects: OfferEffect[] = [];
  const response = pendingOfferResponse(change);
  if (response) effects.push({ kind: 'answer', response, at: change.occurredAt });
  const offeredTo = offeredMentor(change);
  if (offeredTo) effects.push({ kind: 'offer', mentorId: offeredTo, at: change.occurredAt });
  return effects;
}

function pendingOfferResponse(change: CaseChange): OfferAnswer | null {
  switch (change.kind) {
    case 'accepted':
      return 'accepted';
    case 'declined':
      return 'declined';
    case 'escalated':
      return change.escalationReason === 'sla-expired' ? 'expired' : null;
    case 'reassigned':
    case 'closed':
      return 'withdrawn';
    default:
      return null;
  }
}

function offeredMentor(change: CaseChange): string | null {
  if (change.kind === 'matched') return change.mentorId;
  return change.kind === 'reassigned' ? change.mentorId : null;
}

// A deadline that did not move needs no new timer; one that moved gets one, the old one finding nothing to do.
function slaTimers(before: MentoringCase, after: MentoringCase): Array<{ kind: SlaTimerKind; dueAt: Date }> {
  const timers: Array<[SlaTimerKind, Date | null, Date | null]> = [
    ['sla-reminder', before.slaReminderAt, after.slaReminderAt],
    ['sla-expiry', before.slaDeadline, after.slaDeadline],
  ];
  return timers.flatMap(([kind, previous, dueAt]) => (dueAt && dueAt.getTime() !== previous?.getTime() ? [{ kind, dueAt }] : []));
}
