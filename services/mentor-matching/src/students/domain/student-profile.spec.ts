import { mergeStudent, StudentFields } from './student-profile';

const existing: StudentFields = {
  program: 'MBBS',
  yearOfStudy: 2,
  displayName: 'Amina',
  preferredName: null,
  email: 'amina@example.edu',
  identifiers: [],
  timeZone: 'Asia/Karachi',
  preferredTimes: [{ weekday: 6, start: '10:00', end: '12:00' }],
  currentMentorId: 'M001',
  excludedMentorIds: [],
};

describe('mergeStudent', () => {
  it('replaces what is sent, keeps what is left out, and clears what is sent as null', () => {
    const merged = mergeStudent(existing, { yearOfStudy: 3, email: null, excludedMentorIds: ['M002', 'M002'] }, 'UTC');
    expect(merged).toEqual({ student: { ...existing, yearOfStudy: 3, email: null, excludedMentorIds: ['M002'] } });
  });

  it('needs programme and year for a new student, and gives them the default time zone', () => {
    expect(mergeStudent(null, { displayName: 'Bilal' }, 'UTC')).toEqual({
      problems: [
        { field: 'program', problem: 'is required for a student not seen before' },
        { field: 'yearOfStudy', problem: 'is required for a student not seen before' },
      ],
    });
    expect(mergeStudent(null, { program: 'MD', yearOfStudy: 1 }, 'Asia/Dubai')).toMatchObject({ student: { timeZone: 'Asia/Dubai', preferredTimes: [] } });
  });

  it('checks preferred times in the time zone they will have', () => {
    expect(mergeStudent(existing, { timeZone: 'Nowhere/Land' }, 'UTC')).toEqual({
      problems: [{ field: 'timeZone', problem: '"Nowhere/Land" is not an IANA time zone' }],
    });
  });
});
