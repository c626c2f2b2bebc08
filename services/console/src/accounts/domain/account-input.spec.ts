import { AccountInputError, validateAccountInput } from './account-input';

const valid = { username: 'Dr.Ng', displayName: 'Dr Ng', role: 'mentor', subjectId: 'm-7', password: 'long enough password' };

describe('validateAccountInput', () => {
  it('lower-cases the username and keeps the mentor id', () => {
    expect(validateAccountInput(valid)).toEqual({ ...valid, username: 'dr.ng', role: 'mentor' });
  });

  it('uses the username as the subject of coordinators and ops', () => {
    expect(validateAccountInput({ ...valid, role: 'ops', subjectId: undefined }).subjectId).toBe('dr.ng');
  });

  it('lists every problem with its field', () => {
    const attempt = () => validateAccountInput({ username: '-', displayName: ' ', role: 'student', password: 'short' });

    expect(attempt).toThrow(AccountInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as AccountInputError).problems.map((p) => p.field)).toEqual(['username', 'displayName', 'role', 'password']);
    }
  });

  it('requires a mentor id for a mentor account', () => {
    expect(() => validateAccountInput({ ...valid, subjectId: '' })).toThrow(/subjectId must name the mentor id/);
  });
});
