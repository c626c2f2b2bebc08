import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { CaseloadEntryReply, CaseStudentReply, FullCaseReply } from './mentor-matching/case-replies';
import { listOf, Nullable, parseReply, ReplyMismatchError, Served } from './reply';

class Pet {
  @IsString() name!: string;
  @Nullable() @IsInt() age!: number | null;
}

const SOURCE = 'zoo GET /v1/pets';

function mismatchOf(run: () => unknown): ReplyMismatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReplyMismatchError) return error;
    throw error;
  }
  throw new Error('the reply was accepted');
}

describe('parseReply', () => {
  it('returns a matching reply as an instance of its class, keeping fields the class does not declare', () => {
    const pet = parseReply(Pet, { name: 'Rex', age: null, colour: 'brown' }, SOURCE);
    expect(pet).toBeInstanceOf(Pet);
    expect(pet).toEqual(expect.objectContaining({ name: 'Rex', age: null, colour: 'brown' }));
  });

  it('rejects a renamed field, naming the field the class expects and where the reply came from', () => {
    const error = mismatchOf(() => parseReply(Pet, { petName: 'Rex', age: 3 }, SOURCE));
    expect(error.problems).toEqual([{ field: 'name', problem: 'name must be a string' }]);
    expect(error.message).toBe('zoo GET /v1/pets answered in an unexpected shape: name name must be a string');
  });

  it('tells a nullable field that is missing from one that is null', () => {
    expect(parseReply(Pet, { name: 'Rex', age: null }, SOURCE).age).toBeNull();
    expect(mismatchOf(() => parseReply(Pet, { name: 'Rex' }, SOURCE)).problems.map((p) => p.field)).toEqual(['age']);
  });

  it('checks every item of a list and names the item', () => {
    const pets = parseReply(listOf(Pet), [{ name: 'Rex', age: 3 }], SOURCE);
    expect(pets[0]).toBeInstanceOf(Pet);
    const error = mismatchOf(() => parseReply(listOf(Pet), [{ name: 'Rex', age: 3 }, { name: 7, age: 1 }], SOURCE));
    expect(error.problems.map((p) => p.field)).toEqual(['1.name']);
  });

  it('rejects a list where an object is expected and the other way round', () => {
    expect(mismatchOf(() => parseReply(Pet, [], SOURCE)).problems).toEqual([{ field: '(root)', problem: 'must be a JSON object' }]);
    expect(mismatchOf(() => parseReply(listOf(Pet), { items: [] }, SOURCE)).problems).toEqual([{ field: '(root)', problem: 'must be a JSON array' }]);
    expect(mismatchOf(() => parseReply(Pet, undefined, SOURCE)).problems).toEqual([{ field: '(root)', problem: 'must be a JSON object' }]);
  });

  it('names nested fields with dotted paths', () => {
    const entry: Served<CaseloadEntryReply> = {
      caseId: 'c-1',
      status: 'active',
      phase: 'ice-breaking',
      student: { studentId: 's-1', displayName: 'Sam', program: 'MED', yearOfStudy: 2 },
      riskLevel: 'at-risk',
      weakCourses: ['ANAT'],
      slaDeadline: null,
      confirmedSlot: { start: '2026-12-01T10:00:00.000Z', end: '2026-12-01T10:30:00.000Z' },
      nextMeetingDueAt: null,
      consecutiveMissed: 0,
      openedAt: '2026-11-30T10:00:00.000Z',
      outcome: null,
    };
    const json = JSON.parse(JSON.stringify([entry])) as unknown;
    expect(parseReply(listOf(CaseloadEntryReply), json, SOURCE)[0].student.displayName).toBe('Sam');

    const renamed = { ...entry, student: { studentId: 's-1', name: 'Sam', program: 'MED', yearOfStudy: 2 }, confirmedSlot: { start: 'soon', end: '2026-12-01T10:30:00.000Z' } };
    const error = mismatchOf(() => parseReply(listOf(CaseloadEntryReply), [renamed], SOURCE));
    expect(error.problems.map((p) => p.field)).toEqual(['0.student.displayName', '0.confirmedSlot.start']);
  });

  it('rejects a reply missing a nested object, whether the object may be null or not', () => {
    const entry = { caseId: 'c-1', status: 'active', phase: 'ice-breaking', riskLevel: 'watch', weakCourses: [], slaDeadline: null, nextMeetingDueAt: null, consecutiveMissed: 0, openedAt: '2026-11-30T10:00:00.000Z', outcome: null };
    const error = mismatchOf(() => parseReply(CaseloadEntryReply, entry, SOURCE));
    expect(error.problems.map((p) => p.field)).toEqual(['student', 'confirmedSlot']);
  });

  it('rejects a full case whose mentor lost a field', () => {
    const error = mismatchOf(() => parseReply(FullCaseReply, { caseId: 'c-1', mentor: { mentorId: 'm-1', displayName: 'Dr M' } }, SOURCE));
    expect(error.problems.map((p) => p.field)).toContain('mentor.timeZone');
    expect(error.problems.map((p) => p.field)).toContain('status');
  });

  it('keeps a service from serving a reply with a renamed field or a field of another type (checked by tsc over tests)', () => {
    // @ts-expect-error displayName renamed to name: the served value no longer fits the reply class
    const renamed: Served<CaseStudentReply> = { studentId: 's-1', name: 'Sam', program: 'MED', yearOfStudy: 2 };
    // @ts-expect-error yearOfStudy as a string: JSON would carry the wrong type
    const retyped: Served<CaseStudentReply> = { studentId: 's-1', displayName: 'Sam', program: 'MED', yearOfStudy: '2' };
    // A Date where the class declares an ISO timestamp is fine: JSON writes it as one.
    const dated: Served<CaseloadEntryReply['confirmedSlot']> = { start: new Date(), end: '2026-12-01T10:30:00.000Z' };
    expect([renamed, retyped, dated]).toHaveLength(3);
  });
});
