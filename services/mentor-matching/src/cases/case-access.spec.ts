import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@mentoring/auth';
import { assertCoordinatorOf, assertMentorOrCoordinator, canReadCase } from './case-access';
import type { CaseRecord } from './case-record';

const principal = (role: Principal['role'], subject: string, programmes: string[] = []): Principal => ({ role, subject, programmes, claims: {} });
const mdCase = { id: 'c-1', studentId: 's-1', mentorId: 'm-1', program: 'MD' } as CaseRecord;

describe('who may read and work a case', () => {
  it('lets the coordinators of the case’s programme in, and no other coordinator', () => {
    expect(canReadCase(principal('coordinator', 'c-md', ['MD']), mdCase)).toBe(true);
    expect(canReadCase(principal('coordinator', 'c-both', ['MBBS', 'MD']), mdCase)).toBe(true);
    expect(canReadCase(principal('coordinator', 'c-mbbs', ['MBBS']), mdCase)).toBe(false);
    expect(canReadCase(principal('coordinator', 'c-none'), mdCase)).toBe(false);
  });

  it('keeps the mentor’s and ops’ access as it was', () => {
    expect(canReadCase(principal('mentor', 'm-1'), mdCase)).toBe(true);
    expect(canReadCase(principal('mentor', 'm-2'), mdCase)).toBe(false);
    expect(canReadCase(principal('ops', 'ops'), mdCase)).toBe(true);
  });

  it('refuses another programme’s coordinator the mentor’s and coordinators’ actions, naming the programme', () => {
    expect(() => assertMentorOrCoordinator(principal('coordinator', 'c-mbbs', ['MBBS']), mdCase)).toThrow(/"MD"/);
    expect(() => assertMentorOrCoordinator(principal('coordinator', 'c-none'), mdCase)).toThrow(ForbiddenException);
    expect(() => assertMentorOrCoordinator(principal('coordinator', 'c-md', ['MD']), mdCase)).not.toThrow();
    expect(() => assertMentorOrCoordinator(principal('mentor', 'm-1'), mdCase)).not.toThrow();
    expect(() => assertMentorOrCoordinator(principal('mentor', 'm-2'), mdCase)).toThrow(ForbiddenException);
  });

  it('limits only coordinators by programme for reassignment', () => {
    expect(() => assertCoordinatorOf(principal('coordinator', 'c-mbbs', ['MBBS']), mdCase)).toThrow(ForbiddenException);
    expect(() => assertCoordinatorOf(principal('coordinator', 'c-md', ['MD']), mdCase)).not.toThrow();
    expect(() => assertCoordinatorOf(principal('ops', 'ops'), mdCase)).not.toThrow();
  });
});
