import { consoleSignInLines, demoConsoleAccounts } from './console-accounts';

describe('demo console accounts', () => {
  const mentors = [
    { mentorId: 'M001', displayName: 'Dr. Amal Haddad' },
    { mentorId: 'M002', displayName: 'Prof. Lin Wei' },
  ];
  const accounts = demoConsoleAccounts({ mentors } as never);

  it('signs each mentor in as their mentor id, each coordinator as the recipient escalations go to with their programme, and one ops person', () => {
    expect(accounts.filter((account) => account.role === 'mentor')).toEqual([
      { username: 'm001', displayName: 'Dr. Amal Haddad', role: 'mentor', subjectId: 'M001' },
      { username: 'm002', displayName: 'Prof. Lin Wei', role: 'mentor', subjectId: 'M002' },
    ]);
    expect(accounts.filter((account) => account.role === 'coordinator').map(({ username, programmes }) => [username, programmes])).toEqual([
      ['coordinator-mbbs', ['MBBS']],
      ['coordinator-md', ['MD']],
      ['coordinator-bbms', ['BBMS']],
      ['coordinator-hdpcs', ['HDPCS']],
    ]);
    expect(accounts.filter((account) => account.role === 'ops').map((account) => account.username)).toEqual(['ops']);
  });

  it('tells a person where to sign in and with what', () => {
    expect(consoleSignInLines('http://127.0.0.1:3000', accounts)).toEqual([
      'Console http://127.0.0.1:3000, every demo account\'s password is "mentoring-demo":',
      '  ops          ops',
      '  coordinators coordinator-mbbs, coordinator-md, coordinator-bbms, coordinator-hdpcs',
      '  mentors      m001 ... m002 (2, the mentor id in lower case)',
    ]);
  });
});
