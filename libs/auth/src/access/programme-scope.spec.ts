import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../principal';
import { Role } from '../roles';
import {
  assertCoversProgramme,
  coversProgramme,
  filterCovers,
  NO_PROGRAMMES_MESSAGE,
  programmeFilter,
  withinProgrammes,
} from './programme-scope';

function principal(role: Role, programmes: string[] = []): Principal {
  return { subject: 'someone', role, programmes, claims: {} };
}

describe('programme scope', () => {
  it('lets a coordinator see only the programmes the token names', () => {
    const mbbs = principal('coordinator', ['MBBS', 'BBMS']);

    expect(programmeFilter(mbbs)).toEqual({ all: false, programmes: ['MBBS', 'BBMS'] });
    expect(() => assertCoversProgramme(mbbs, 'MBBS')).not.toThrow();
    expect(() => assertCoversProgramme(mbbs, 'MD')).toThrow(new ForbiddenException('This coordinator is not responsible for programme "MD"'));
    expect(coversProgramme(mbbs, 'MD')).toBe(false);
    expect(coversProgramme(mbbs, 'BBMS')).toBe(true);
  });

  it('refuses a coordinator whose token names no programmes instead of showing everything', () => {
    const none = principal('coordinator');

    expect(() => programmeFilter(none)).toThrow(new ForbiddenException(NO_PROGRAMMES_MESSAGE));
    expect(() => assertCoversProgramme(none, 'MBBS')).toThrow(NO_PROGRAMMES_MESSAGE);
    expect(coversProgramme(none, 'MBBS')).toBe(false);
  });

  it('does not match programme codes loosely', () => {
    const mbbs = principal('coordinator', ['MBBS']);

    expect(coversProgramme(mbbs, 'mbbs')).toBe(false);
    expect(coversProgramme(mbbs, 'MBB')).toBe(false);
  });

  it.each<Role>(['ops', 'service', 'mentor', 'student', 'registrar-feed'])('does not limit %s by programme (its role and ownership rules do)', (role) => {
    expect(programmeFilter(principal(role))).toEqual({ all: true });
    expect(() => assertCoversProgramme(principal(role), 'MD')).not.toThrow();
  });

  it('filters lists to the covered programmes', () => {
    const rows = [
      { programme: 'MBBS', n: 1 },
      { programme: 'MD', n: 2 },
      { programme: 'BBMS', n: 3 },
    ];

    expect(withinProgrammes(programmeFilter(principal('coordinator', ['MD', 'BBMS'])), rows, (row) => row.programme).map((row) => row.n)).toEqual([2, 3]);
    expect(withinProgrammes(programmeFilter(principal('ops')), rows, (row) => row.programme)).toEqual(rows);
    expect(filterCovers({ all: false, programmes: [] }, 'MBBS')).toBe(false);
  });
});
