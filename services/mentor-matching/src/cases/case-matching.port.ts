import { EntityManager } from 'typeorm';
import type { IsoInterval } from '../shared/time';
import type { CaseRecord } from './case-record';
import type { MeetingPlace, MentorTimeNow } from './domain';
import type { ChangeOrigin } from './case-unit-of-work';

/** A mentor for a case and the times proposed with them. */
export interface MentorOffer {
  readonly mentorId: string;
  readonly proposedSlots: readonly IsoInterval[];
}

/** The case's mentor's time at this moment: fresh slots for the case, and what a pick is checked against. */
export interface MentorTimeForCase extends MentorTimeNow {
  /** Fresh slots for this student in the mentor's free time, earliest first. */
  readonly slots: readonly IsoInterval[];
  /** How many slots a student is offered. */
  readonly slotCount: number;
  readonly place: MeetingPlace;
}

/**
 * What the case's own workflows need of matching, implemented by the matching feature (which
 * builds on cases), so cases never import it.
 */
export abstract class CaseMatching {
  /** Held by every transaction that assigns mentors, before it plans. */
  abstract lockForMatching(manager: EntityManager): Promise<void>;

  /** Matches at once a case a mentor has just left (or waitlists it); after an SLA expiry as a reassignment. */
  abstract rematch(manager: EntityManager, record: CaseRecord, origin: ChangeOrigin, afterExpiry: boolean): Promise<CaseRecord>;

  /** The best mentor other than those the student excluded or who left the case; null when none can take it. */
  abstract bestOffer(manager: EntityManager, record: CaseRecord): Promise<MentorOffer | null>;

  /**
   * Slots with a mentor of someone's choosing, and what keeps that mentor from the case (missing
   * free time aside, which a coordinator may overrule); the reasons are null when there is no such mentor.
   */
  abstract offerFrom(manager: EntityManager, record: CaseRecord, mentorId: string): Promise<{ offer: MentorOffer; blockingReasons: readonly string[] | null }>;

  /** The case's mentor's time now: their meetings on other cases taken out, nothing in the past. */
  abstract mentorTimeFor(manager: EntityManager, record: CaseRecord & { readonly mentorId: string }): Promise<MentorTimeForCase>;

  /**
   * Slots with the case's mentor starting no sooner than `notBefore` (nor sooner than the usual
   * notice from now), in their free time after it: the next meeting's, per the cadence.
   */
  abstract slotsFrom(
    manager: EntityManager,
    record: CaseRecord & { readonly mentorId: string },
    notBefore: Date,
  ): Promise<{ readonly slots: readonly IsoInterval[]; readonly place: MeetingPlace }>;
}
