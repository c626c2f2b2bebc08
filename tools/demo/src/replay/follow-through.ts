import fs from 'node:fs';
import path from 'node:path';
import { FullCaseReply, MeetingSlotV1 } from '@mentoring/contracts';
import { PlatformClient } from './platform-client';

/** A case a demo mentor took on. */
export interface AcceptedCase {
  caseId: string;
  mentorId: string;
  studentId: string;
}

/** A case whose mentor booked the first meeting, and when it is. */
export interface BookedCase extends AcceptedCase {
  slot: MeetingSlotV1;
}

// About one accepted pair in four never books: the stalls the platform is there to notice.
const STALLING_SHARE = 4;

/**
 * Whether a pair stalls on purpose (accepted, never booked). Chosen from the student id and the
 * demo's seed, so the same seed stalls the same pairs at every run, whatever order cases come in.
 */
export function stallsOnPurpose(studentId: string, seed: number): boolean {
  let hash = 2166136261 ^ seed;
  for (const character of studentId) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619);
  return (hash >>> 0) % STALLING_SHARE === 0;
}

/** The first offered time still ahead of `now`: what a mentor picks when booking straight away. */
export function firstFreshSlot(slots: readonly MeetingSlotV1[], now: Date): MeetingSlotV1 | undefined {
  return [...slots].filter((slot) => Date.parse(slot.start) > now.getTime()).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
}

/**
 * The prompt mentors book the first fresh time offered to their student, except the pairs that stall
 * on purpose. A time taken meanwhile (the platform re-checks every pick) is left unbooked.
 */
export async function bookAsPromptMentors(client: PlatformClient, accepted: readonly AcceptedCase[], seed: number, now: Date): Promise<BookedCase[]> {
  const booked: BookedCase[] = [];
  for (const pair of accepted.filter((candidate) => !stallsOnPurpose(candidate.studentId, seed))) {
    const caller = { role: 'mentor', subject: pair.mentorId } as const;
    const mentoringCase = await client.json('mentor-matching', caller, `/v1/cases/${pair.caseId}`, FullCaseReply);
    const slot = firstFreshSlot(mentoringCase.proposedSlots, now);
    if (!slot) continue;
    const confirmed = await client.json('mentor-matching', caller, `/v1/cases/${pair.caseId}/slots/confirm`, FullCaseReply, { method: 'POST', body: { start: slot.start, end: slot.end } }).catch(() => undefined);
    if (confirmed?.confirmedSlot) booked.push({ ...pair, slot: confirmed.confirmedSlot });
  }
  return booked;
}

const DAY_MS = 24 * 3600_000;
/** How far the demo lets time pass in all: 15 days after the flags, "met within 14 days" counts every case. */
export const FOLLOW_THROUGH_DAYS = 15;
// At least past the "accepted, nothing booked" nudge (3 days by default)...
const FIRST_MOVE_MIN_DAYS = 4;
// ...and short of the coordinator's "no first meeting" nudge (14 days), so meetings that took place are logged first.
const FIRST_MOVE_MAX_DAYS = 13;

/**
 * The first step of the demo's clock: until an hour after the last booked first meeting has ended,
 * at least 4 days and at most 13, in whole milliseconds.
 */
export function firstClockMove(booked: readonly BookedCase[], now: Date): number {
  const lastEnd = Math.max(0, ...booked.map((pair) => Date.parse(pair.slot.end)));
  const untilMet = lastEnd + 3600_000 - now.getTime();
  return Math.ceil(Math.min(FIRST_MOVE_MAX_DAYS * DAY_MS, Math.max(FIRST_MOVE_MIN_DAYS * DAY_MS, untilMet)));
}

/**
 * The mentors whose booked meeting has ended by `now` log it as attended, as they would after
 * meeting. A case the platform has moved on meanwhile (closed, or with another mentor) refuses the
 * log and is not counted.
 */
export async function logMeetingsAsPromptMentors(client: PlatformClient, booked: readonly BookedCase[], now: Date): Promise<number> {
  let logged = 0;
  for (const pair of booked.filter((candidate) => Date.parse(candidate.slot.end) <= now.getTime())) {
    const caller = { role: 'mentor', subject: pair.mentorId } as const;
    const body = { outcome: 'attended', occurredAt: pair.slot.start };
    const accepted = await client.call('mentor-matching', caller, `/v1/cases/${pair.caseId}/sessions`, { method: 'POST', body }).then(
      () => true,
      () => false,
    );
    if (accepted) logged += 1;
  }
  return logged;
}

/**
 * The development clock of a running platform (MENTORING_CLOCK_FILE, which `npm start` gives every
 * service of the demo): moving it moves every process's time at once, so days of follow-through
 * (reminders, nudges) happen in seconds. Services refuse the file outside development mode.
 */
export class DemoClock {
  constructor(private readonly file: string) {}

  get offsetMs(): number {
    const text = fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8').trim() : '';
    return text === '' ? 0 : Number(text);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Renamed into place, so no service reads a half-written offset.
    const next = `${this.file}.next`;
    fs.writeFileSync(next, String(this.offsetMs + ms));
    fs.renameSync(next, this.file);
  }
}
