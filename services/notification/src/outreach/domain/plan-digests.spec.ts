import { planCoordinatorDigest, planHeldMessagesDigest } from './plan-digests';
import { COORDINATORS, outreachContext, STUDENTS } from './testing/realistic-cases';

const coordinator = COORDINATORS[0];
const student = { ...STUDENTS[1], role: 'student' as const, email: STUDENTS[1].email ?? null };

describe('planCoordinatorDigest', () => {
  it('lists each escalation waiting, with its reason and a link to the case, in the coordinator zone', () => {
    const [digest] = planCoordinatorDigest(
      coordinator,
      [{ caseId: 'case-7', studentName: 'Amira', program: 'MBBS', yearOfStudy: 2, reason: 'sla-expired', escalatedAt: '2026-10-11T08:30:00Z' }],
      'digest:C-1:2026-10-12',
      outreachContext(),
    );
    if (digest.template !== 'coordinator-digest') throw new Error(`unexpected ${digest.template}`);
    expect(digest.triggeringEventId).toBe('digest:C-1:2026-10-12');
    expect(digest.variables.escalations).toEqual([
      {
        studentName: 'Amira',
        program: 'MBBS',
        yearOfStudy: 2,
        reason: { noEligibleMentor: false, slaExpired: true, repeatedMissedSessions: false },
        escalatedAt: { at: '2026-10-11T08:30:00Z', timeZone: coordinator.timeZone },
        caseUrl: expect.stringContaining('/v1/links/open-case?token='),
      },
    ]);
  });

  it('sends nothing when nothing waits', () => {
    expect(planCoordinatorDigest(coordinator, [], 'digest:C-1:2026-10-12', outreachContext())).toEqual([]);
  });
});

describe('planHeldMessagesDigest', () => {
  it('gathers what the frequency cap held back, never dropping any of it', () => {
    const subjects = ['Dr Farah Azhar would like to meet you', "You're all set to meet Dr Farah Azhar"];
    const [digest] = planHeldMessagesDigest(student, subjects, 'held:S-1002:1', outreachContext());
    if (digest.template !== 'digest') throw new Error(`unexpected ${digest.template}`);
    expect(digest.variables.items).toEqual(subjects.map((subject) => ({ subject })));
    expect(digest.recipient).toBe(student);
  });

  it('sends nothing when nothing was held', () => {
    expect(planHeldMessagesDigest(student, [], 'held:S-1002:1', outreachContext())).toEqual([]);
  });
});
