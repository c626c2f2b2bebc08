import type { FieldProblem, MeetingMode } from '@mentoring/contracts';
import { isURL } from 'class-validator';

export interface MeetingPlaceInput {
  readonly meetingMode?: MeetingMode;
  readonly meetingPlace?: string;
}

/** Digits with the usual separators and an optional leading +, as people write numbers to be dialled. */
const PHONE_NUMBER = /^\+?[0-9][0-9 ().-]{5,30}$/;

/**
 * The place must suit the mode: a video link is an https URL (students open it from an email),
 * a phone number can be dialled, a room is named. The two travel together, so one without the
 * other is refused rather than mixed with what was stored.
 */
export function meetingPlaceProblems(input: MeetingPlaceInput): FieldProblem[] {
  const { meetingMode: mode, meetingPlace } = input;
  if (mode === undefined && meetingPlace === undefined) return [];
  if (mode === undefined) return [{ field: 'meetingMode', problem: 'is required with meetingPlace (in-person, video or phone)' }];
  const place = meetingPlace?.trim() ?? '';
  if (!place) return [{ field: 'meetingPlace', problem: placeWanted(mode) }];
  if (mode === 'video' && !isURL(place, { protocols: ['https'], require_protocol: true })) {
    return [{ field: 'meetingPlace', problem: 'must be an https:// link to the video meeting' }];
  }
  if (mode === 'phone' && !PHONE_NUMBER.test(place)) {
    return [{ field: 'meetingPlace', problem: 'must be a phone number (digits, spaces, - . ( ) and an optional leading +)' }];
  }
  return [];
}

function placeWanted(mode: MeetingMode): string {
  switch (mode) {
    case 'video':
      return 'must be the https:// link to the video meeting';
    case 'phone':
      return 'must be the phone number to call';
    case 'in-person':
      return 'must name the room or place to meet';
  }
}
