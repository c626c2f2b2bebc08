import { TOPICS } from '@mentoring/contracts';
import { lowSummatives, Pipeline, postGrades, recordTopics, registerMentor, registerStudent, TopicRecorder, waitUntil } from '@mentoring/testing';

// The platform as its users run it: every service in its own process, talking only through the
// real broker. A registrar posts two low summatives; the student is flagged, matched to a mentor
// with time, the mentor is emailed the case, accepts, and the student receives a warm invitation
// with slots. One correlation id follows the grade through every service.
describe('grade in, outreach out', () => {
  const pipeline = new Pipeline();
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await pipeline.start();
    recorder = await recordTopics(pipeline, [TOPICS.gradesRecorded, TOPICS.riskAssessed, TOPICS.mentoringCaseEvents, TOPICS.notificationsDispatched]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await pipeline.stop();
  });

  it('flags, matches and reaches the mentor and then the student, with one correlation id throughout', async () => {
    const mentor = { id: 'M-E2E', displayName: 'Dr. Amina Rahman', email: 'amina.rahman@faculty.example.edu' };
    await registerMentor(pipeline, mentor, 3);
    await registerStudent(pipeline, { id: 'S-E2E-1', displayName: 'Zoë Haddad', email: 'zoe.haddad@students.example.edu' });
    await postGrades(pipeline, lowSummatives('S-E2E-1'));

    const mentorMail = await waitUntil('the mentor is emailed the new case', async () =>
      (await pipeline.mail()).find((mail) => mail.envelope.to.includes('amina.rahman@faculty.example.edu')),
    );
    expect(mentorMail.text).toContain('Zoë');

    const byType = (type: string) => recorder.received.filter((envelope) => envelope.type === type && envelope.subject === 'S-E2E-1');
    const [recorded] = byType('grades.recorded.v1');
    const assessed = byType('risk.assessed.v1').find((envelope) => ['at-risk', 'urgent'].includes(envelope.data.level as string));
    const [matched] = byType('mentoring.case-matched.v1');
    if (!assessed) throw new Error('no at-risk or urgent standing was published');
    expect(matched.data.mentor).toMatchObject({ id: 'M-E2E' });
    expect((matched.data.proposedSlots as unknown[]).length).toBeGreaterThan(0);
    const mentorDispatch = await waitUntil('the mentor email is reported sent', () =>
      recorder.received.find(
        (envelope) => envelope.type === 'notifications.dispatched.v1' && envelope.data.recipientId === 'M-E2E' && envelope.data.status === 'sent',
      ),
    );
    expect(new Set([recorded.correlationId, assessed.correlationId, matched.correlationId, mentorDispatch.correlationId]).size).toBe(1);

    const caseId = matched.data.caseId as string;
    const accepted = await pipeline.call('mentor-matching', 'POST', `/v1/cases/${caseId}/accept`, 'mentor', {}, 'M-E2E');
    expect(accepted.status).toBeLessThan(300);
    const studentMail = await waitUntil('the student receives the invitation', async () =>
      (await pipeline.mail()).find((mail) => mail.envelope.to.includes('zoe.haddad@students.example.edu')),
    );
    expect(studentMail.text).toContain('Amina');
    // Offered times come as pick links to the student's page (which shows them fresh), not as calendar holds.
    expect(studentMail.text).toContain(`${pipeline.consoleUrl}/`);
    expect(studentMail.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar'))).toBe(false);
    expect(studentMail.text).not.toMatch(/\b(fail|failing|poor|weak|at-risk|probation|warning|underperform)/i);
  });
});
