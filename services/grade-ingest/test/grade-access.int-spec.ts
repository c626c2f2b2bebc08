import { NO_PROGRAMMES_MESSAGE } from '@mentoring/auth';
import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { caseEvent, GradeIngest, gradeRecord, postGrades, publishEvents, startGradeIngest } from './support';

describe('GET /v1/students/:id/grades: who may read a grade history', () => {
  let service: GradeIngest;
  let clock = Date.parse('2026-01-05T09:00:00Z');
  const at = () => new Date((clock += 60_000)).toISOString();

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_access');
    const feed = await service.bearer('registrar-feed', 'sis-main');
    await postGrades(service, feed, [
      gradeRecord({ studentId: 'S-mbbs', program: 'MBBS' }),
      gradeRecord({ studentId: 'S-md', program: 'MD' }),
    ]).expect(200);
  });

  afterAll(() => service?.close());

  const read = async (studentId: string, token: string) =>
    request(service.app.getHttpServer()).get(`/v1/students/${studentId}/grades`).set('authorization', token);
  const statusFor = async (studentId: string, token: string) => (await read(studentId, token)).status;
  const mentor = (id: string) => service.bearer('mentor', id);

  it('follows the student current mentor through matching, reassignment, SLA expiry and closing', async () => {
    expect(await statusFor('S-mbbs', await mentor('mentor-a'))).toBe(403);

    await publishEvents(service, TOPICS.mentoringCaseEvents, [
      caseEvent('matched', { caseId: 'case-1', studentId: 'S-mbbs', status: 'matched', mentorId: 'mentor-a', occurredAt: at() }),
    ]);
    await waitUntil('the matched mentor may read the grades', async () => (await statusFor('S-mbbs', await mentor('mentor-a'))) === 200);
    const listed = await read('S-mbbs', await mentor('mentor-a'));
    expect(listed.body.grades).toHaveLength(1);
    expect(await statusFor('S-mbbs', await mentor('mentor-b'))).toBe(403);
    expect(await statusFor('S-md', await mentor('mentor-a'))).toBe(403);

    await publishEvents(service, TOPICS.mentoringCaseEvents, [
      caseEvent('reassigned', { caseId: 'case-1', studentId: 'S-mbbs', status: 'matched', mentorId: 'mentor-b', occurredAt: at() }),
    ]);
    await waitUntil('the new mentor may read the grades', async () => (await statusFor('S-mbbs', await mentor('mentor-b'))) === 200);
    const refused = await read('S-mbbs', await mentor('mentor-a'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe("Only the student's current mentor, a coordinator of the student's programme or ops may read these grades");

    // An SLA expiry names the mentor who let it lapse, on a case that is open again: no longer theirs.
    await publishEvents(service, TOPICS.mentoringCaseEvents, [
      caseEvent('escalated', { caseId: 'case-1', studentId: 'S-mbbs', status: 'open', mentorId: 'mentor-b', escalationReason: 'sla-expired', occurredAt: at() }),
    ]);
    await waitUntil('the lapsed mentor is refused', async () => (await statusFor('S-mbbs', await mentor('mentor-b'))) === 403);

    await publishEvents(service, TOPICS.mentoringCaseEvents, [
      caseEvent('matched', { caseId: 'case-1', studentId: 'S-mbbs', status: 'matched', mentorId: 'mentor-c', occurredAt: at() }),
      caseEvent('accepted', { caseId: 'case-1', studentId: 'S-mbbs', status: 'active', mentorId: 'mentor-c', occurredAt: at() }),
    ]);
    await waitUntil('the accepting mentor may read the grades', async () => (await statusFor('S-mbbs', await mentor('mentor-c'))) === 200);

    await publishEvents(service, TOPICS.mentoringCaseEvents, [
      caseEvent('closed', { caseId: 'case-1', studentId: 'S-mbbs', status: 'closed', mentorId: 'mentor-c', outcome: 'met', occurredAt: at() }),
    ]);
    await waitUntil('a closed case no longer opens the grades', async () => (await statusFor('S-mbbs', await mentor('mentor-c'))) === 403);
  });

  it("lets a coordinator read only students of their own programmes, and nothing without programmes", async () => {
    const mbbsCoordinator = await service.bearer('coordinator', 'coord-mbbs', ['MBBS']);

    expect(await statusFor('S-mbbs', mbbsCoordinator)).toBe(200);
    const otherProgramme = await read('S-md', mbbsCoordinator);
    expect(otherProgramme.status).toBe(403);
    expect(otherProgramme.body.message).toBe('This coordinator is not responsible for programme "MD"');
    expect(await statusFor('S-md', await service.bearer('coordinator', 'coord-md', ['MD']))).toBe(200);
    expect(await statusFor('S-unknown', mbbsCoordinator)).toBe(403);

    const noProgrammes = await read('S-mbbs', await service.bearer('coordinator', 'coord-none'));
    expect(noProgrammes.status).toBe(403);
    expect(noProgrammes.body.message).toBe(NO_PROGRAMMES_MESSAGE);
  });

  it('lets ops read any student and refuses service, student and feed tokens', async () => {
    expect(await statusFor('S-md', await service.bearer('ops'))).toBe(200);
    expect(await statusFor('S-md', await service.bearer('service', 'risk-scoring'))).toBe(403);
    expect(await statusFor('S-md', await service.bearer('student', 'S-md'))).toBe(403);
    expect(await statusFor('S-md', await service.bearer('registrar-feed', 'sis-main'))).toBe(403);
  });
});
