import { createLinkBuilder, LinkClaims } from './links';

describe('createLinkBuilder', () => {
  it('signs the action and every parameter into one token under the base URL', () => {
    const signed: LinkClaims[] = [];
    const linkFor = createLinkBuilder({
      baseUrl: 'https://mentoring.example.edu/app',
      signToken: (claims) => {
        signed.push(claims);
        return 'a.b+c/d=';
      },
    });
    const url = linkFor('pick-slot', { recipientId: 'S-1', caseId: 'case-7', slotStart: '2026-10-13T06:00:00.000Z' });
    expect(url).toBe('https://mentoring.example.edu/app/v1/links/pick-slot?token=a.b%2Bc%2Fd%3D');
    expect(signed).toEqual([{ action: 'pick-slot', recipientId: 'S-1', caseId: 'case-7', slotStart: '2026-10-13T06:00:00.000Z' }]);
  });
});
