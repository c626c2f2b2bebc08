import { messageBodyOf, otherSideOf, threadRoleOf, threadRoleOfPerson } from './thread-access';

const membership = { caseId: 'c1', studentId: 's1', mentorId: 'm1', program: 'MBBS', closed: false };

describe('thread access', () => {
  it('lets in the case student and its current mentor only', () => {
    expect(threadRoleOf(membership, { role: 'student', subject: 's1' })).toBe('student');
    expect(threadRoleOf(membership, { role: 'mentor', subject: 'm1' })).toBe('mentor');
    expect(threadRoleOf(membership, { role: 'student', subject: 's2' })).toBeNull();
    expect(threadRoleOf(membership, { role: 'mentor', subject: 'm2' })).toBeNull();
    expect(threadRoleOf(membership, { role: 'coordinator', subject: 'm1' })).toBeNull();
    expect(threadRoleOf(membership, { role: 'ops', subject: 's1' })).toBeNull();
    expect(threadRoleOf(membership, { role: 'mentor', subject: 's1' })).toBeNull();
    expect(threadRoleOf({ ...membership, mentorId: null }, { role: 'mentor', subject: 'm1' })).toBeNull();
  });

  it('takes a reply address person as the side they are on', () => {
    expect(threadRoleOfPerson(membership, 's1')).toBe('student');
    expect(threadRoleOfPerson(membership, 'm1')).toBe('mentor');
    expect(threadRoleOfPerson(membership, 'someone')).toBeNull();
  });

  it('tells the other side', () => {
    expect(otherSideOf(membership, 'mentor')).toEqual({ id: 's1', role: 'student' });
    expect(otherSideOf(membership, 'student')).toEqual({ id: 'm1', role: 'mentor' });
    expect(otherSideOf({ ...membership, mentorId: null }, 'student')).toBeNull();
  });

  it('keeps trimmed text of a sensible length', () => {
    expect(messageBodyOf('  hello \n')).toBe('hello');
    expect(messageBodyOf('   ')).toBeNull();
    expect(messageBodyOf('x'.repeat(4_001))).toBeNull();
  });
});
