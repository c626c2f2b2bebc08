import { ConflictException, Injectable } from '@nestjs/common';
import type { MeetingSlotV1 } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import type { IsoInterval } from '../shared/time';
import { CaseMatching } from './case-matching.port';
import type { CaseRecord } from './case-record';
import { CaseUnitOfWork, ChangeOrigin } from './case-unit-of-work';
import { CaseTransitionError, confirmSlot, MeetingSlot, refreshSlots, slotAvailability, slotsOnOffer } from './domain';

/** The time a student picked is no longer free; the answer offers the next free ones. */
export class SlotTakenException extends ConflictException {
  constructor(caseId: string, nextSlots: readonly MeetingSlot[]) {
    super({
      code: 'SLOT_TAKEN',
      message: 'That time has just been taken or has passed. Please pick one of the times now offered.',
      caseId,
      nextSlots: nextSlots.map(slotReply),
    });
  }
}

export type BookingResult = { readonly booked: CaseRecord } | { readonly gone: CaseRecord; readonly nextSlots: readonly MeetingSlot[] };

/** Meeting times with the case's mentor as they are now: what to offer, and whether a pick still holds. */
@Injectable()
export class CaseMeetings {
  constructor(
    private readonly matching: CaseMatching,
    private readonly store: CaseUnitOfWork,
  ) {}

  /** The slots the student is offered now (none while no mentor is on the case). */
  async offeredNow(manager: EntityManager, record: CaseRecord): Promise<MeetingSlot[]> {
    const mentorId = record.status === 'matched' || record.status === 'active' ? record.mentorId : null;
    if (mentorId === null) return [];
    const time = await this.matching.mentorTimeFor(manager, { ...record, mentorId });
    return slotsOnOffer(record.proposedSlots, time.slots, time, time.place, time.slotCount);
  }

  /**
   * Books the wanted time (or moves the booked meeting to it) if it is still free with the mentor.
   * Bookings of one mentor are serialised by the matching lock, so two students never get the
   * same time. A time gone meanwhile puts fresh slots on the case and reports them instead.
   */
  async book(manager: EntityManager, record: CaseRecord, wanted: IsoInterval, origin: ChangeOrigin): Promise<BookingResult> {
    const mentorId = record.status === 'matched' || record.status === 'active' ? record.mentorId : null;
    if (mentorId === null) {
      throw new CaseTransitionError(record.status === 'closed' ? 'CASE_CLOSED' : 'INVALID_STATUS', record.id, `Cannot book a meeting for a ${record.status} case`);
    }
    await this.matching.lockForMatching(manager);
    const time = await this.matching.mentorTimeFor(manager, { ...record, mentorId });
    const availability = slotAvailability(wanted, record.proposedSlots, time);
    if (availability === 'not-offered') throw new CaseTransitionError('INVALID_SLOT', record.id, 'Pick one of the slots offered for this case');
    if (availability === 'bookable') {
      return { booked: await this.store.apply(manager, record, confirmSlot(record, wanted, time.now, time.place), origin) };
    }
    const nextSlots = slotsOnOffer(record.proposedSlots, time.slots, time, time.place, time.slotCount);
    const refreshed = await this.store.apply(manager, record, refreshSlots(record, nextSlots), origin);
    await this.store.recordQuietly(manager, record.id, { kind: 'slot-taken', occurredAt: time.now, details: { wanted, nextSlots } }, origin);
    return { gone: refreshed, nextSlots };
  }
}

function slotReply(slot: MeetingSlot): MeetingSlotV1 {
  return { start: slot.start, end: slot.end, mode: slot.mode ?? null, location: slot.location || null };
}
