import { ForbiddenException } from '@nestjs/common';
import { NO_PROGRAMMES_MESSAGE, Principal, Role } from '@mentoring/auth';
import { assertMayReadGrades, GRADES_REFUSED } from './grade-access';

function as(role: Role, programmes: string[] = []): Principal {
  return { subject: `${role}-1`, role, programmes, claims: {} };
}

const MBBS_STUDENT = { programme: 'MBBS', holdsCase: false };

describe('who may read a student grade history', () => {
  it('lets ops read any student', () => {
    expect(() => assertMayReadGrades(as('ops'), MBBS_STUDENT)).not.toThrow();
  });

  it('lets a mentor read only a student whose open case they hold', () => {
    expect(() => assertMayReadGrades(as('mentor'), { programme: 'MBBS', holdsCase: true })).not.toThrow();
    expect(() => assertMayReadGrades(as('mentor'), MBBS_STUDENT)).toThrow(new ForbiddenException(GRADES_REFUSED));
  });

  it("lets a coordinator read only students of their own programmes", () => {
    expect(() => assertMayReadGrades(as('coordinator', ['MD', 'MBBS']), MBBS_STUDENT)).not.toThrow();
    expect(() => assertMayReadGrades(as('coordinator', ['MD']), MBBS_STUDENT)).toThrow('This coordinator is not responsible for programme "MBBS"');
  });

  it('refuses a coordinator whose token names no programmes', () => {
    expect(() => assertMayReadGrades(as('coordinator'), MBBS_STUDENT)).toThrow(NO_PROGRAMMES_MESSAGE);
    expect(() => assertMayReadGrades(as('coordinator'), { programme: null, holdsCase: false })).toThrow(NO_PROGRAMMES_MESSAGE);
  });

  it('refuses a coordinator when the student has no grade that names a programme', () => {
    expect(() => assertMayReadGrades(as('coordinator', ['MBBS']), { programme: null, holdsCase: false })).toThrow(/no programme is known/);
  });

  it.each<Role>(['service', 'student', 'registrar-feed'])('refuses %s tokens, which no caller needs for grades', (role) => {
    expect(() => assertMayReadGrades(as(role), { programme: 'MBBS', holdsCase: true })).toThrow(ForbiddenException);
  });
});
