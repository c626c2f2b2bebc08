import { AccountInputError, programmesFromList, validateAccountInput } from './account-input';

const valid = { username: 'Dr.Ng', displayName: 'Dr Ng', role: 'mentor', subjectId: 'm-7', password: 'long enough password' };

describe('validateAccountInput', () => {
  it('lower-cases the username and keeps the mentor id', () => {
    expect(validateAccountInput(valid)).toEqual({ ...valid, username: 'dr.ng', role: 'mentor', programmes: [] });
  });

  it('uses the username as the subject of coordinators and ops', () => {
    expect(validateAccountInput({ ...valid, role: 'ops', subjectId: undefined }).subjectId).toBe('dr.ng');
    expect(validateAccountInput({ ...valid, role: 'coordinator', subjectId: undefined, programmes: ['MBBS'] }).subjectId).toBe('dr.ng');
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

  describe('programmes', () => {
    const coordinator = { ...valid, role: 'coordinator', subjectId: undefined };

    it('keeps a coordinator’s programmes, each once and sorted', () => {
      expect(validateAccountInput({ ...coordinator, programmes: ['MD', ' MBBS', 'MD'] }).programmes).toEqual(['MBBS', 'MD']);
    });

    it('refuses a coordinator without programmes: they would see nothing', () => {
      expect(() => validateAccountInput({ ...coordinator })).toThrow(/programmes must name the programmes a coordinator is responsible for/);
      expect(() => validateAccountInput({ ...coordinator, programmes: [' '] })).toThrow(/programmes must name/);
    });

    it('refuses a list that is not one (an import file’s row)', () => {
      expect(() => validateAccountInput({ ...coordinator, programmes: 'MBBS' as unknown as string[] })).toThrow(/programmes must be a list of programme codes/);
    });

    it('refuses codes that are not programme codes', () => {
      expect(() => validateAccountInput({ ...coordinator, programmes: ['MBBS', 'md', 'M D'] })).toThrow(/"M D", "md" must be upper-case programme codes/);
    });

    it('refuses programmes on mentor and ops accounts, which programmes do not limit', () => {
      expect(() => validateAccountInput({ ...valid, programmes: ['MBBS'] })).toThrow(/programmes only coordinator accounts have programmes/);
      expect(() => validateAccountInput({ ...valid, role: 'ops', programmes: ['MBBS'] })).toThrow(/only coordinator accounts/);
    });

    it('reads a comma-separated list from the command line', () => {
      expect(programmesFromList('MBBS, MD,,')).toEqual(['MBBS', 'MD']);
      expect(programmesFromList(undefined)).toEqual([]);
    });
  });
});
