import type { MeetingSlotV1, StudentCaseReply } from '@mentoring/contracts';

/** What the student's page reads of mentor-matching's student view of their case. */
export type StudentCase = Pick<StudentCaseReply, 'caseId' | 'status' | 'mentor' | 'proposedSlots' | 'confirmedSlot'>;

export interface OfferedSlot extends MeetingSlotV1 {
  /** The time the student clicked in their message. */
  chosen: boolean;
}

/** What the student's page says, from the student's view of their case. */
export interface StudentPage {
  title: string;
  /** A mentor is named only once they have said yes: an unanswered introduction is what students told us hurts. */
  mentorName: string | null;
  closed: boolean;
  confirmedSlot: MeetingSlotV1 | null;
  /** Slots still open to pick, the one from the message first; none once a time is booked or while no mentor is ready. */
  slots: OfferedSlot[];
}

export function studentPageOf(mentoringCase: StudentCase, clicked: { slotStart?: string }): StudentPage {
  const closed = mentoringCase.status === 'closed';
  const mentorName = mentoringCase.status === 'active' ? (mentoringCase.mentor?.displayName ?? null) : null;
  const slots = mentorName
    ? mentoringCase.proposedSlots
        .filter((slot) => !sameSlot(slot, mentoringCase.confirmedSlot))
        .map((slot) => ({ ...slot, chosen: sameInstant(slot.start, clicked.slotStart) }))
        .sort((a, b) => Number(b.chosen) - Number(a.chosen))
    : [];
  return {
    title: closed ? 'Your mentoring' : mentorName ? `Meeting ${mentorName}` : 'Finding you a mentor',
    mentorName,
    closed,
    confirmedSlot: mentorName ? mentoringCase.confirmedSlot : null,
    slots,
  };
}

function sameSlot(slot: MeetingSlotV1, other: MeetingSlotV1 | null): boolean {
  return other !== null && sameInstant(slot.start, other.start) && sameInstant(slot.end, other.end);
}

/** Instants written differently ("...Z" or "+00:00", with or without milliseconds) are still the same time. */
function sameInstant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);
}
