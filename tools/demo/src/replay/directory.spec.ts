import { generateCohort } from '../cohort';
import { chunk, demoCoordinators, mentorImportRow, studentImportRow } from './directory';

describe('directory rows', () => {
  const cohort = generateCohort({ seed: 7, students: 20, mentors: 20, termStart: '2025-01-06', now: new Date('2025-03-31T12:00:00Z') });

  it("turns a mentor's capacity and leave into mentor-matching's fields", () => {
    const onLeave = cohort.mentors.find((mentor) => mentor.leave.length > 0);
    if (!onLeave) throw new Error('the cohort should have a mentor with leave');
    const row = mentorImportRow(onLeave);
    expect(row.maxOpenCases).toBe(onLeave.capacity);
    expect(row.leave).toEqual(onLeave.leave.map((period) => ({ firstDay: period.start, lastDay: period.end })));
    expect(row).not.toHaveProperty('responsiveness');
  });

  it('keeps what matching needs of a student and leaves the latent performance out', () => {
    const [student] = cohort.students;
    const row = studentImportRow(student);
    expect(row).toMatchObject({ studentId: student.studentId, program: student.program, yearOfStudy: student.yearOfStudy, timeZone: student.timeZone });
    expect(row).not.toHaveProperty('latent');
  });

  it('has one coordinator per programme', () => {
    expect(demoCoordinators().map((coordinator) => coordinator.body.programmes)).toEqual([['MBBS'], ['MD'], ['BBMS'], ['HDPCS']]);
  });

  it('chunks in order, the last chunk holding the rest', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
