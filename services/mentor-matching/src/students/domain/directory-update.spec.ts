import type { StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { applyDirectoryUpdate, DirectoryStudent, directoryUpdateOf, touchesDirectory } from './directory-update';

const held: DirectoryStudent = {
  program: 'MBBS',
  yearOfStudy: 2,
  displayName: 'S1024',
  preferredName: null,
  email: null,
  identifiers: [],
  timeZone: 'Asia/Karachi',
  preferredTimes: [],
  currentMentorId: 'M001',
  excludedMentorIds: ['M002'],
  directoryAsOf: new Date('2026-10-01T00:00:00Z'),
};

function update(overrides: Partial<StudentDirectoryUpdatedV1> = {}): StudentDirectoryUpdatedV1 {
  return { studentId: 'S1024', source: 'oneroster', asOf: '2026-10-02T00:00:00Z', ...overrides };
}

describe('applyDirectoryUpdate', () => {
  it('takes names, email, identifiers, programme and year from a newer update and keeps what matching owns', () => {
    const outcome = applyDirectoryUpdate(
      held,
      update({ displayName: 'Adaeze Okafor', preferredName: 'Ada', email: 'ada@example.edu', identifiers: [{ type: 'username', value: 'aokafor' }], yearOfStudy: 3 }),
      'UTC',
    );
    expect(outcome).toEqual({
      kind: 'apply',
      asOf: new Date('2026-10-02T00:00:00Z'),
      student: {
        ...held,
        directoryAsOf: undefined,
        displayName: 'Adaeze Okafor',
        preferredName: 'Ada',
        email: 'ada@example.edu',
        identifiers: [{ type: 'username', value: 'aokafor' }],
        yearOfStudy: 3,
      },
    });
  });

  it('leaves what an update does not carry, or sends as null, as it was', () => {
    const withEmail = { ...held, email: 'known@example.edu', displayName: 'Known Name' };
    const outcome = applyDirectoryUpdate(withEmail, update({ displayName: null, preferredName: 'Kay' }), 'UTC');
    expect(outcome).toMatchObject({ kind: 'apply', student: { email: 'known@example.edu', displayName: 'Known Name', preferredName: 'Kay', program: 'MBBS' } });
  });

  it('ignores an update as old as, or older than, the data it holds', () => {
    expect(applyDirectoryUpdate(held, update({ asOf: '2026-10-01T00:00:00Z', displayName: 'Same time' }), 'UTC')).toEqual({ kind: 'stale' });
    expect(applyDirectoryUpdate(held, update({ asOf: '2026-09-01T00:00:00Z', displayName: 'Older' }), 'UTC')).toEqual({ kind: 'stale' });
  });

  it('creates a student it can place, and cannot place one without programme and year', () => {
    expect(applyDirectoryUpdate(null, update({ displayName: 'New', program: 'MD', yearOfStudy: 1 }), 'Europe/Dublin')).toMatchObject({
      kind: 'apply',
      student: { displayName: 'New', program: 'MD', yearOfStudy: 1, timeZone: 'Europe/Dublin', preferredTimes: [] },
    });
    expect(applyDirectoryUpdate(null, update({ displayName: 'Nowhere' }), 'UTC')).toEqual({ kind: 'unplaceable' });
  });
});

describe('directory updates of REST writes', () => {
  it('are published only for writes that say something the directory carries', () => {
    expect(touchesDirectory({ preferredTimes: [] })).toBe(false);
    expect(touchesDirectory({ email: 'new@example.edu' })).toBe(true);
  });

  it('say what the record now holds, as of the write', () => {
    const at = new Date('2026-10-03T09:00:00Z');
    expect(directoryUpdateOf('S1024', { ...held, displayName: 'Adaeze Okafor' }, at)).toEqual({
      studentId: 'S1024',
      displayName: 'Adaeze Okafor',
      preferredName: null,
      email: null,
      identifiers: [],
      program: 'MBBS',
      yearOfStudy: 2,
      source: 'student-import',
      asOf: '2026-10-03T09:00:00.000Z',
    });
  });
});
