import { horizonFrom, IsoInterval, subtractIntervals, toIsoInterval, fromIsoInterval } from '../../shared/time';
import { mentorFreeTime, MentorAvailability } from './availability';
import { DEFAULT_MATCHING_OPTIONS, proposeSlotsFor, StudentProfile } from './candidate-evaluation';
import { PlanOptions } from './match-planning';
import { ProposedSlot } from './slot-proposal';

export interface FreshMentorTime {
  /** The mentor's free time from now to the horizon: availability minus blocks, leave and booked meetings. */
  readonly free: IsoInterval[];
  /** Slots to offer in it, never in the past, never over a booked meeting. */
  readonly slots: ProposedSlot[];
}

/**
 * A mentor's time as it is now, for one case: `mentor.bookedMeetings` are the meetings of their
 * other cases; `ownMeeting`, the case's own booked one, is left out of the slots offered (it is
 * already theirs) but stays free, so the student may move it.
 */
export function freshMentorTime(
  mentor: MentorAvailability,
  student: StudentProfile,
  ownMeeting: IsoInterval | null,
  options: PlanOptions,
): FreshMentorTime {
  const range = horizonFrom(options.now, options.horizonDays ?? DEFAULT_MATCHING_OPTIONS.horizonDays);
  const free = mentorFreeTime(mentor, range);
  const offerable = ownMeeting ? subtractIntervals(free, [fromIsoInterval(ownMeeting)]) : free;
  const { slots } = proposeSlotsFor(student, offerable, { ...options, count: options.slotCount });
  return { free: free.map(toIsoInterval), slots };
}
