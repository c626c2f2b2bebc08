import { caseEffects } from './case-effects';
import { DEFAULT_CASE_POLICY, type CaseTransition, type MentoringCase } from './mentoring-case';
import { acceptCase, closeCase, declineCase, expireSla, matchCase, openCase, reassignCase, remindMentor, waitlistCase } from './case-transitions';

const flaggedAt = new Date('2025-10-20T08:00:00Z');
const at = (hours: number) => new Date(flaggedAt.getTime() + hours * 3_600_000);
const slots = [{ start: '2025-10-22T09:00:00.000Z', end: '2025-10-22T09:30:00.000Z' }];

const opened = () => openCase({ id: 'case-1', studentId: 'student-1', flaggedAt }, at(0)).state;
const matched = () => matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: slots }, at(0)).state;
const active = () => acceptCase(matched(), 'mentor-a', at(2)).state;

// Effects as applied when the transition happens.
const effectsOf = (before: MentoringCase, transition: CaseTransition) =>
  caseEffects(before, transition, DEFAULT_CASE_POLICY, transition.changes[0]?.occurredAt ?? at(0));

describe('what a transition brings along', () => {
  it('a match takes the mentor’s capacity, makes an offer and sets both SLA timers', () => {
    const before = opened();
    const effects = effectsOf(before, matchCase(before, { mentorId: 'mentor-a', proposedSlots: slots }, at(0)));
    expect(effects.capacity).toEqual({ release: null, take: 'mentor-a' });
    expect(effects.offers).toEqual([{ kind: 'offer', mentorId: 'mentor-a', at: at(0) }]);
    expect(effects.timers).toEqual([
      { kind: 'sla-reminder', dueAt: at(24) },
      { kind: 'sla-expiry', dueAt: at(48) },
    ]);
    expect(effects.acceptedMentorId).toBeNull();
    expect(effects.events.map((event) => event.kind)).toEqual(['matched']);
  });

  it('accepting keeps the capacity where it is, answers the offer and makes the mentor the one continuity prefers', () => {
    const before = matched();
    const effects = effectsOf(before, acceptCase(before, 'mentor-a', at(2)));
    expect(effects.capacity).toEqual({ release: null, take: null });
    expect(effects.offers).toEqual([{ kind: 'answer', response: 'accepted', at: at(2) }]);
    // Nothing booked three days on: the pair is nudged.
    expect(effects.timers).toEqual([{ kind: 'nudge-not-booked', dueAt: at(2 + 72) }]);
    expect(effects.acceptedMentorId).toBe('mentor-a');
  });

  it('a decline gives the capacity back and answers the offer as declined', () => {
    const before = matched();
    const effects = effectsOf(before, declineCase(before, { mentorId: 'mentor-a', reason: 'full' }, at(1)));
    expect(effects.capacity).toEqual({ release: 'mentor-a', take: null });
    expect(effects.offers).toEqual([{ kind: 'answer', response: 'declined', at: at(1) }]);
  });

  it('a lapsed SLA answers the offer as expired', () => {
    const before = matched();
    const effects = effectsOf(before, expireSla(before, at(48)));
    expect(effects.offers).toEqual([{ kind: 'answer', response: 'expired', at: at(48) }]);
    expect(effects.capacity.release).toBe('mentor-a');
  });

  it('a reassignment moves capacity between mentors, withdraws the pending offer before making the new one', () => {
    const before = active();
    const effects = effectsOf(before, reassignCase(before, { mentorId: 'mentor-b', proposedSlots: slots, reason: 'moved', requestedBy: 'coordinator' }, at(30)));
    expect(effects.capacity).toEqual({ release: 'mentor-a', take: 'mentor-b' });
    expect(effects.offers).toEqual([
      { kind: 'answer', response: 'withdrawn', at: at(30) },
      { kind: 'offer', mentorId: 'mentor-b', at: at(30) },
    ]);
  });

  it('closing withdraws the offer and frees the capacity; a reminder changes nothing but its event', () => {
    const closing = effectsOf(active(), closeCase(active(), { outcome: 'declined-by-student', closedBy: 'student' }, at(100)));
    expect(closing.capacity).toEqual({ release: 'mentor-a', take: null });
    expect(closing.offers).toEqual([{ kind: 'answer', response: 'withdrawn', at: at(100) }]);
    const reminding = effectsOf(matched(), remindMentor(matched(), at(24)));
    expect(reminding).toMatchObject({ capacity: { release: null, take: null }, offers: [], timers: [], acceptedMentorId: null });
    expect(reminding.events.map((event) => event.kind)).toEqual(['reminder-due']);
  });

  it('waitlisting an open case touches nobody’s capacity', () => {
    const effects = effectsOf(opened(), waitlistCase(opened(), at(0)));
    expect(effects).toMatchObject({ capacity: { release: null, take: null }, offers: [], timers: [] });
  });
});
