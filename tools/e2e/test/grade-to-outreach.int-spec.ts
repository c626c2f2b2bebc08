import { TOPICS } from '@mentoring/contracts';
import { Pipeline, testKafka, uniqueName, waitUntil } from '@mentoring/testing';

// The platform as its users run it: every service in its own process, talking only through the
// real broker. A registrar posts two low summatives; the student is flagged, matched to a mentor
// with time, the mentor is emailed the case, accepts, and the student receives a warm invitation
// with slots. One correlation id follows the grade through every service.
interface Envelope {
  id: string;
  type: string;
  correlationId: string;
  subject: string;
  data: Record<string, unknown>;
}

/** Collects every envelope published on the given topics while the test runs. */
async function recordTopics(topics: string[]) {
  const received: Envelope[] = [];
  const consumer = testKafka().consumer({ groupId: uniqueName('e2e-recorder') });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void received.push(JSON.parse(String(message.value))) });
  return { received, stop: () => consumer.disconnect() };
}

describe('grade in, outreach out', () => {
  const pipeline = new Pipeline();
  let recorder: Awaited<ReturnType<typeof recordTopics>>;

  beforeAll(async () => {
    await pipeline.start();
    recorder = await recordTopics(
      [TOPICS.gradesRecorded, TOPICS.riskAssessed, TOPICS.mentoringCaseEvents, TOPICS.notificationsDispatched].map((topic) => pipeline.topic(topic)),
    );
  });

  afterAll(async () => {
    await recorder?.stop();
    await pipeline.stop();
  });

  it('flags, matches and reaches the mentor and then the student, with one correlation id throughout', async () => {
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
    const mentor = await pipeline.call('mentor-matching', 'POST', '/v1/mentors', 'coordinator', {
      mentorId: 'M-E2E',
      displayName: 'Dr. Amina Rahman',
      email: 'amina.rahman@faculty.example.edu',
      programs: ['MBBS'],
      expertiseCourseCodes: ['ANAT101'],
      maxOpenCases: 3,
      timeZone: 'Asia/Dubai',
      weeklyAvailability: everyDay,
    });
    expect(mentor.status).toBe(201);
    const student = await pipeline.call('mentor-matching', 'PUT', '/v1/students/S-E2E-1', 'coordinator', {
      displayName: 'Zoë Haddad',
      email: 'zoe.haddad@students.example.edu',
      program: 'MBBS',
      yearOfStudy: 2,
      timeZone: 'Asia/Dubai',
      preferredTimes: everyDay,
    });
    expect(student.status).toBeLessThan(300);

    const grade = (assessmentId: string, score: number) => ({
      studentId: 'S-E2E-1',
      program: 'MBBS',
      yearOfStudy: 2,
      courseCode: 'ANAT101',
      assessmentId,
      assessmentType: 'summative',
      score,
      maxScore: 100,
      gradedAt: new Date(Date.now() - 3_600_000).toISOString(),
      sourceRecordId: `e2e-${assessmentId}`,
    });
    const posted = await pipeline.call('grade-ingest', 'POST', '/v1/grades', 'registrar-feed', { records: [grade('MID', 52), grade('FINAL', 55)] }, 'sis-e2e');
    expect(posted.status).toBeLessThan(300);

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
    expect(studentMail.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar'))).toBe(true);
    expect(studentMail.text).not.toMatch(/\b(fail|failing|poor|weak|at-risk|probation|warning|underperform)/i);
  });
});
