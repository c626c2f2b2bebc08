import type { FullCaseReply, MeetingSlotV1 } from '@mentoring/contracts';

/** The offered times still open to choose: the one already booked is shown as booked, not offered again. */
export function openSlots(mentoringCase: Pick<FullCaseReply, 'proposedSlots' | 'confirmedSlot'>): MeetingSlotV1[] {
  const booked = mentoringCase.confirmedSlot;
  if (!booked) return mentoringCase.proposedSlots;
  return mentoringCase.proposedSlots.filter((slot) => Date.parse(slot.start) !== Date.parse(booked.start));
}
