import { ForbiddenException } from '@nestjs/common';
import { NO_PROGRAMMES_MESSAGE, Principal } from '@mentoring/auth';
import { assertMayActForStudent, assertMayPutCoordinator, assertMayReadRecipient, assertMaySeeMessage } from './coordinator-scope';

function coordinator(programmes: string[], subject = 'coord-mbbs'): Principal {
  return { subject, role: 'coordinator', programmes, claims: {} };
}
const OPS: Principal = { subject: 'ops-1', role: 'ops', programmes: [], claims: {} };
const STUDENT_RECORD = { roles: ['student' as const], programmes: [] };
const MENTOR_RECORD = { roles: ['mentor' as const], programmes: [] };

describe('PUT /v1/recipients/:id rules', () => {
  it('never lets anyone, ops included, rewrite a student or mentor record', () => {
    expect(() => assertMayPutCoordinator(coordinator(['MBBS']), 'S1', STUDENT_RECORD, ['MBBS'])).toThrow(
      new ForbiddenException('S1 is known as a student: their contact details come from the student and mentor directory, not from here'),
    );
    expect(() => assertMayPutCoordinator(OPS, 'S1', STUDENT_RECORD, ['MBBS'])).toThrow(ForbiddenException);
    expect(() => assertMayPutCoordinator(OPS, 'M1', MENTOR_RECORD, ['MBBS'])).toThrow(/known as a mentor/);
  });

  it('lets a coordinator create and update coordinator records of their own programmes only', () => {
    const mbbs = coordinator(['MBBS', 'BBMS']);

    expect(() => assertMayPutCoordinator(mbbs, 'c-new', null, ['MBBS'])).not.toThrow();
    expect(() => assertMayPutCoordinator(mbbs, 'c-1', { roles: ['coordinator'], programmes: ['BBMS'] }, ['MBBS', 'BBMS'])).not.toThrow();
    expect(() => assertMayPutCoordinator(mbbs, 'c-new', null, ['MBBS', 'MD'])).toThrow(/not responsible for MD/);
    expect(() => assertMayPutCoordinator(mbbs, 'c-md', { roles: ['coordinator'], programmes: ['MD'] }, ['MBBS'])).toThrow(/not responsible for MD/);
  });

  it('refuses a coordinator without programmes and lets ops manage any coordinator record', () => {
    expect(() => assertMayPutCoordinator(coordinator([]), 'c-new', null, ['MBBS'])).toThrow(NO_PROGRAMMES_MESSAGE);
    expect(() => assertMayPutCoordinator(OPS, 'c-md', { roles: ['coordinator'], programmes: ['MD'] }, ['HDPCS'])).not.toThrow();
  });
});

describe('GET /v1/recipients/:id rules', () => {
  it('lets a coordinator read their own record and colleagues of their programmes, never students or mentors', () => {
    const mbbs = coordinator(['MBBS']);

    expect(() => assertMayReadRecipient(mbbs, 'coord-mbbs', { roles: ['coordinator'], programmes: ['MBBS'] })).not.toThrow();
    expect(() => assertMayReadRecipient(mbbs, 'c-2', { roles: ['coordinator'], programmes: ['MBBS', 'MD'] })).not.toThrow();
    expect(() => assertMayReadRecipient(mbbs, 'c-md', { roles: ['coordinator'], programmes: ['MD'] })).toThrow(ForbiddenException);
    expect(() => assertMayReadRecipient(mbbs, 'S1', STUDENT_RECORD)).toThrow('A coordinator may read only coordinator records of their own programmes');
    expect(() => assertMayReadRecipient(mbbs, 'M1', { roles: ['mentor', 'coordinator'], programmes: ['MBBS'] })).toThrow(ForbiddenException);
    expect(() => assertMayReadRecipient(coordinator([]), 'c-2', { roles: ['coordinator'], programmes: ['MBBS'] })).toThrow(NO_PROGRAMMES_MESSAGE);
    expect(() => assertMayReadRecipient(OPS, 'S1', STUDENT_RECORD)).not.toThrow();
  });
});

describe('GET /v1/messages/:id/deliveries rules', () => {
  it("shows a coordinator the messages of their programmes' cases and their own messages only", () => {
    const mbbs = coordinator(['MBBS']);

    expect(() => assertMaySeeMessage(mbbs, { recipientId: 'S1', recipientRole: 'student', program: 'MBBS' })).not.toThrow();
    expect(() => assertMaySeeMessage(mbbs, { recipientId: 'S2', recipientRole: 'student', program: 'MD' })).toThrow(
      'A coordinator may see only messages about cases of their own programmes',
    );
    expect(() => assertMaySeeMessage(mbbs, { recipientId: 'coord-mbbs', recipientRole: 'coordinator', program: null })).not.toThrow();
    expect(() => assertMaySeeMessage(mbbs, { recipientId: 'coord-md', recipientRole: 'coordinator', program: null })).toThrow(ForbiddenException);
    expect(() => assertMaySeeMessage(coordinator([]), { recipientId: 'S1', recipientRole: 'student', program: 'MBBS' })).toThrow(NO_PROGRAMMES_MESSAGE);
    expect(() => assertMaySeeMessage(OPS, { recipientId: 'S2', recipientRole: 'student', program: null })).not.toThrow();
  });
});

describe("POST /v1/recipients/:id/links/revoke rules", () => {
  it("lets a coordinator act only for students of their programmes", () => {
    const mbbs = coordinator(['MBBS']);

    expect(() => assertMayActForStudent(mbbs, 'S1', { roles: ['student'], programmes: ['MBBS'] })).not.toThrow();
    expect(() => assertMayActForStudent(mbbs, 'S2', { roles: ['student'], programmes: ['MD'] })).toThrow(
      'S2 is not known as a student of a programme this coordinator is responsible for',
    );
    expect(() => assertMayActForStudent(mbbs, 'S3', { roles: ['student'], programmes: [] })).toThrow(ForbiddenException);
    expect(() => assertMayActForStudent(mbbs, 'M1', { roles: ['mentor'], programmes: ['MBBS'] })).toThrow(ForbiddenException);
    expect(() => assertMayActForStudent(mbbs, 'S-unknown', null)).toThrow(ForbiddenException);
    expect(() => assertMayActForStudent(coordinator([]), 'S1', { roles: ['student'], programmes: ['MBBS'] })).toThrow(NO_PROGRAMMES_MESSAGE);
    expect(() => assertMayActForStudent(OPS, 'S2', { roles: ['student'], programmes: ['MD'] })).not.toThrow();
  });
});
