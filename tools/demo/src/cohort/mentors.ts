import { DAY_MS, isoDate } from './calendar';
import { coursesOf, PROGRAM_WEIGHTS, ProgramCode, yearsOf } from './catalogue';
import { DemoMentor, LeavePeriod, ResponsivenessProfile } from './model';
import { asciiFold, drawFacultyName } from './names';
import { roundTo } from './performance';
import { Random } from './random';
import { drawMentorAvailability } from './weekly-windows';

export const MAX_MENTORS = 999;

const ON_LEAVE_NOW_SHARE = 0.05;
const INACTIVE_SHARE = 0.03;
const BUSY_SHARE = 0.15;
const PLANNED_LEAVE_SHARE = 0.15;

// Mostly resident faculty; a few visiting or remote clinicians mentor from elsewhere.
const MENTOR_TIME_ZONES: ReadonlyArray<readonly [string, number]> = [
  ['Asia/Dubai', 85],
  ['Europe/London', 5],
  ['Asia/Kolkata', 5],
  ['Africa/Cairo', 5],
];

const TITLES: ReadonlyArray<readonly [string, number]> = [
  ['Dr.', 75],
  ['Assoc. Prof.', 13],
  ['Prof.', 12],
];

// The seed study's students complain of mentors who "do not respond": a slow minority answers
// later than the default 48 h acknowledgement SLA.
const RESPONSIVENESS: ReadonlyArray<readonly [ResponsivenessProfile, number]> = [
  ['prompt', 40],
  ['typical', 45],
  ['slow', 15],
];

const HOURS_TO_ACCEPT: Readonly<Record<ResponsivenessProfile, readonly [number, number]>> = {
  prompt: [2, 8],
  typical: [8, 30],
  slow: [36, 96],
};

interface MentorCircumstances {
  onLeaveNow: boolean;
  inactive: boolean;
}

/** `count` mentors numbered M001 upwards; exact shares of them are on leave now or inactive. */
export function generateMentors(random: Random, count: number, now: Date): DemoMentor[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_MENTORS) {
    throw new RangeError(`mentors must be a whole number from 1 to ${MAX_MENTORS}, not ${count}`);
  }
  const circumstances = assignCircumstances(random, count);
  const usedEmails = new Set<string>();
  return circumstances.map((circumstance, index) => drawMentor(random, index + 1, circumstance, now, usedEmails));
}

// Drawn as exact counts rather than coin flips: with 60 mentors, chance alone could leave nobody
// on leave, and the demo must show the matcher skipping someone who is.
function assignCircumstances(random: Random, count: number): MentorCircumstances[] {
  const indices = Array.from({ length: count }, (_, index) => index);
  const order = random.shuffle(indices);
  const onLeave = Math.round(count * ON_LEAVE_NOW_SHARE);
  const onLeaveNow = new Set(order.slice(0, onLeave));
  const inactive = new Set(order.slice(onLeave, onLeave + Math.round(count * INACTIVE_SHARE)));
  return indices.map((index) => ({ onLeaveNow: onLeaveNow.has(index), inactive: inactive.has(index) }));
}

function drawMentor(
  random: Random,
  number: number,
  circumstances: MentorCircumstances,
  now: Date,
  usedEmails: Set<string>,
): DemoMentor {
  const { givenName, familyName } = drawFacultyName(random);
  const title = random.weightedPick(TITLES);
  const programs = drawPrograms(random);
  const busy = random.chance(BUSY_SHARE);
  const profile = random.weightedPick(RESPONSIVENESS);
  const [fastest, slowest] = HOURS_TO_ACCEPT[profile];
  return {
    mentorId: `M${String(number).padStart(3, '0')}`,
    title,
    givenName,
    familyName,
    displayName: `${title} ${givenName} ${familyName}`,
    email: uniqueEmail(`${asciiFold(givenName)}.${asciiFold(familyName)}`, usedEmails),
    programs,
    expertiseCourseCodes: drawExpertise(random, programs),
    capacity: busy ? random.int(3, 4) : random.int(3, 8),
    timeZone: random.weightedPick(MENTOR_TIME_ZONES),
    weeklyAvailability: drawMentorAvailability(random, busy),
    leave: drawLeave(random, circumstances.onLeaveNow, now.getTime()),
    active: !circumstances.inactive,
    responsiveness: { profile, medianHoursToAccept: roundTo(fastest + random.next() * (slowest - fastest), 1) },
  };
}

function drawPrograms(random: Random): ProgramCode[] {
  const primary = random.weightedPick(PROGRAM_WEIGHTS);
  if (!random.chance(0.35)) return [primary];
  return [primary, random.weightedPick(PROGRAM_WEIGHTS.filter(([program]) => program !== primary))];
}

function drawExpertise(random: Random, programs: readonly ProgramCode[]): string[] {
  const taught = programs.flatMap((program) =>
    yearsOf(program).flatMap((year) => coursesOf(program, year).map((course) => course.courseCode)),
  );
  return random.shuffle(taught).slice(0, random.int(2, 4)).sort();
}

// Dates are whole days on the mentor's calendar. A current leave starts at least a day before and
// ends days after `now` in UTC, so it covers `now` in every time zone a mentor may be in.
function drawLeave(random: Random, onLeaveNow: boolean, now: number): LeavePeriod[] {
  if (onLeaveNow) {
    return [{ start: isoDate(now - random.int(1, 10) * DAY_MS), end: isoDate(now + random.int(3, 21) * DAY_MS) }];
  }
  if (!random.chance(PLANNED_LEAVE_SHARE)) return [];
  const start = now + random.int(5, 40) * DAY_MS;
  return [{ start: isoDate(start), end: isoDate(start + random.int(2, 10) * DAY_MS) }];
}

function uniqueEmail(localPart: string, usedEmails: Set<string>): string {
  let candidate = localPart;
  for (let suffix = 2; usedEmails.has(candidate); suffix += 1) candidate = `${localPart}${suffix}`;
  usedEmails.add(candidate);
  return `${candidate}@faculty.example.edu`;
}
