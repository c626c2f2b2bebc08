import { PROGRAM_WEIGHTS, PROGRAM_YEARS } from './catalogue';
import { DemoStudent } from './model';
import { asciiFold, drawStudentName } from './names';
import { drawLatentPerformance } from './performance';
import { Random } from './random';
import { drawStudentPreferredTimes } from './weekly-windows';

export const MAX_STUDENTS = 999_999;

// Students live on or near campus; some do electives or live with family abroad.
const STUDENT_TIME_ZONES: ReadonlyArray<readonly [string, number]> = [
  ['Asia/Dubai', 80],
  ['Asia/Kolkata', 5],
  ['Asia/Karachi', 4],
  ['Africa/Cairo', 4],
  ['Asia/Manila', 4],
  ['Europe/London', 3],
];

/** `count` students numbered S000001 upwards. */
export function generateStudents(random: Random, count: number): DemoStudent[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_STUDENTS) {
    throw new RangeError(`students must be a whole number from 1 to ${MAX_STUDENTS}, not ${count}`);
  }
  return Array.from({ length: count }, (_, index) => drawStudent(random, index + 1));
}

function drawStudent(random: Random, number: number): DemoStudent {
  const { givenName, familyName } = drawStudentName(random);
  const program = random.weightedPick(PROGRAM_WEIGHTS);
  return {
    studentId: `S${String(number).padStart(6, '0')}`,
    givenName,
    familyName,
    displayName: `${givenName} ${familyName}`,
    // The number keeps addresses unique however often a name repeats.
    email: `${asciiFold(givenName)}.${asciiFold(familyName)}.${number}@students.example.edu`,
    program,
    yearOfStudy: random.int(1, PROGRAM_YEARS[program]),
    timeZone: random.weightedPick(STUDENT_TIME_ZONES),
    preferredTimes: drawStudentPreferredTimes(random),
    latent: drawLatentPerformance(random),
  };
}
