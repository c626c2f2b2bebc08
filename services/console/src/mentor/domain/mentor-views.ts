import type { FullCaseReply, MeetingMode, MeetingSlotV1 } from '@mentoring/contracts';

/** The offered times still open to choose: the one already booked is shown as booked, not offered again. */
export function openSlots(mentoringCase: Pick<FullCaseReply, 'proposedSlots' | 'confirmedSlot'>): MeetingSlotV1[] {
  const booked = mentoringCase.confirmedSlot;
  if (!booked) return mentoringCase.proposedSlots;
  return mentoringCase.proposedSlots.filter((slot) => Date.parse(slot.start) !== Date.parse(booked.start));
}

const MODE_WORDS: Record<MeetingMode, string> = { 'in-person': 'In person', video: 'Video call', phone: 'Phone call' };

/** Where a meeting takes place: "In person: Room 4.12", "Video call: https://…"; null while the mentor has not said. */
export function placeInWords(where: { start: string; mode?: MeetingMode | null; location?: string | null } | null | undefined): string | null {
  if (!where?.mode) return null;
  const location = where.location?.trim();
  return location ? `${MODE_WORDS[where.mode]}: ${location}` : MODE_WORDS[where.mode];
}
