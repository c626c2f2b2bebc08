import { validatePayload, StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { directoryEnvelopes, directoryUpdateOf } from './directory-updates';

const at = new Date('2026-10-01T08:00:00Z');

describe('directory updates of a OneRoster import', () => {
  it('carry names, preferred name, email, identifiers and placement of a users.csv student', () => {
    const update = directoryUpdateOf(
      { sourcedId: 'u-1', studentId: 'S1001', identifier: 'S1001', givenName: 'Oluwaseun', familyName: 'Adébáyọ̀', preferredGivenName: 'Seun', email: 'seun@students.example.edu', program: 'MBBS', yearOfStudy: 2 },
      at,
    );
    expect(update).toEqual({
      studentId: 'S1001',
      displayName: 'Seun Adébáyọ̀',
      preferredName: 'Seun',
      email: 'seun@students.example.edu',
      identifiers: [
        { type: 'oneroster.sourcedId', value: 'u-1' },
        { type: 'oneroster.identifier', value: 'S1001' },
      ],
      program: 'MBBS',
      yearOfStudy: 2,
      source: 'oneroster',
      asOf: '2026-10-01T08:00:00.000Z',
    });
    expect(validatePayload(StudentDirectoryUpdatedV1, update)).toMatchObject({ ok: true });
  });

  it('leave out what users.csv does not say', () => {
    expect(directoryUpdateOf({ sourcedId: 'S2', studentId: 'S2' }, at)).toMatchObject({ displayName: null, preferredName: null, email: null, program: null, yearOfStudy: null });
  });

  it('get the same event ids when an import is resumed', () => {
    const updates = [directoryUpdateOf({ sourcedId: 'S2', studentId: 'S2' }, at)];
    const first = directoryEnvelopes('import-1', 'c-1', updates, 'grade-ingest');
    const again = directoryEnvelopes('import-1', 'c-1', updates, 'grade-ingest');
    expect(again[0].id).toBe(first[0].id);
    expect(first[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(directoryEnvelopes('import-2', 'c-1', updates, 'grade-ingest')[0].id).not.toBe(first[0].id);
  });
});
