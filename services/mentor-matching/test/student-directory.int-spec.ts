import { createEnvelope, deadLetterTopic, EventEnvelope, namespacedTopic, STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1, TOPICS } from '@mentoring/contracts';
import { testKafka, uniqueName, waitUntil } from '@mentoring/testing';
import { Consumer, Producer } from 'kafkajs';
import { coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, startMatching } from './support';

const ROWS = 10_000;

function studentRows(count: number, prefix: string) {
  return Array.from({ length: count }, (_, index) => ({
    studentId: `${prefix}${String(index).padStart(5, '0')}`,
    program: index % 2 === 0 ? 'MBBS' : 'MD',
    yearOfStudy: 1 + (index % 5),
    displayName: `Student ${index} Ó Briain`,
    preferredName: `Stu${index}`,
    email: `${prefix.toLowerCase()}${index}@students.example.edu`,
    timeZone: 'Europe/Dublin',
    preferredTimes: [{ weekday: 2, start: '17:00', end: '19:00' }],
  }));
}

function directoryUpdate(studentId: string, asOf: string, data: Partial<StudentDirectoryUpdatedV1>): EventEnvelope<StudentDirectoryUpdatedV1> {
  return createEnvelope({
    type: STUDENT_DIRECTORY_UPDATED_V1,
    source: 'grade-ingest',
    subject: studentId,
    data: { studentId, source: 'oneroster', asOf, ...data },
  });
}

/** Every message on a topic of the test's namespace, as it arrives. */
async function recordTopic(topic: string): Promise<{ consumer: Consumer; values: Array<{ key: string; value: string; headers: Record<string, string> }> }> {
  const values: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
  const consumer = testKafka().consumer({ groupId: uniqueName('directory-log') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
      values.push({ key: String(message.key), value: String(message.value), headers });
    },
  });
  return { consumer, values };
}

// The student directory in mentor-matching: bulk imports of 10,000 rows (students as JSON and CSV,
// mentors as JSON) stored in a
// few statements and published as directory updates through the outbox, and directory updates
// from the topic applied newest-first, exactly once, with poison messages dead-lettered.
describe('mentor-matching: student directory', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let producer: Producer;
  let published: Awaited<ReturnType<typeof recordTopic>>;
  let coordinator: string;
  let ops: string;

  beforeAll(async () => {
    service = await startMatching({ clock });
    producer = testKafka().producer();
    await producer.connect();
    published = await recordTopic(namespacedTopic(TOPICS.studentsDirectoryUpdated, service.namespace));
    coordinator = await coordinatorBearer(service, ['MBBS', 'MD']);
    ops = await service.bearer('ops');
  });

  afterAll(async () => {
    await published?.consumer.disconnect();
    await producer?.disconnect();
    await service?.close();
  });

  const send = (...events: EventEnvelope<StudentDirectoryUpdatedV1>[]) =>
    producer.send({
      topic: namespacedTopic(TOPICS.studentsDirectoryUpdated, service.namespace),
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
  const student = async (studentId: string) => (await http(service).get(`/v1/students/${studentId}`).set('authorization', ops).expect(200)).body;
  const processed = async (eventId: string) => (await dataSourceOf(service).query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])).length > 0;

  it('imports 10,000 students as JSON in one request and publishes each as a directory update', async () => {
    const response = await http(service).post('/v1/students/import').set('authorization', coordinator).send(studentRows(ROWS, 'J')).expect(200);

    expect(response.body).toEqual({ received: ROWS, created: ROWS, updated: 0, rejected: [] });
    expect(await student('J09999')).toMatchObject({ displayName: 'Student 9999 Ó Briain', preferredName: 'Stu9999', email: 'j9999@students.example.edu', program: 'MD' });
    const updates = await waitUntil('10,000 directory updates on the topic', () => {
      const mine = published.values.filter((message) => message.key.startsWith('J'));
      return mine.length >= ROWS ? mine : undefined;
    });
    const last = JSON.parse(updates.find((message) => message.key === 'J09999')?.value ?? '{}') as EventEnvelope<StudentDirectoryUpdatedV1>;
    expect(last).toMatchObject({
      type: STUDENT_DIRECTORY_UPDATED_V1,
      source: 'mentor-matching',
      subject: 'J09999',
      data: { studentId: 'J09999', displayName: 'Student 9999 Ó Briain', preferredName: 'Stu9999', email: 'j9999@students.example.edu', program: 'MD', yearOfStudy: 5, source: 'student-import' },
    });
  });

  it('imports 10,000 students as CSV in one request', async () => {
    const header = 'studentId,program,yearOfStudy,displayName,preferredName,email,identifiers';
    const lines = studentRows(ROWS, 'C').map((row) => [row.studentId, row.program, row.yearOfStudy, `"${row.displayName}"`, row.preferredName, row.email, `username:${row.studentId.toLowerCase()}`].join(','));

    const response = await http(service)
      .post('/v1/students/import')
      .set('authorization', coordinator)
      .set('content-type', 'text/csv')
      .send([header, ...lines].join('\r\n'))
      .expect(200);

    expect(response.body).toMatchObject({ received: ROWS, created: ROWS, rejected: [] });
    expect(await student('C00042')).toMatchObject({ displayName: 'Student 42 Ó Briain', identifiers: [{ type: 'username', value: 'c00042' }] });
  });

  it('imports 10,000 mentors as JSON in one request, and updates them on the next import', async () => {
    const mentors = Array.from({ length: ROWS }, (_, index) => mentorBody(`MB${String(index).padStart(5, '0')}`, { programs: [index % 2 === 0 ? 'MBBS' : 'MD'] }));

    const response = await http(service).post('/v1/mentors/import').set('authorization', coordinator).send(mentors).expect(200);

    expect(response.body).toEqual({ received: ROWS, created: ROWS, updated: 0, rejected: [] });
    const again = await http(service).post('/v1/mentors/import').set('authorization', coordinator).send(mentors.slice(0, 2).map((mentor) => ({ ...mentor, maxOpenCases: 5 }))).expect(200);
    expect(again.body).toEqual({ received: 2, created: 0, updated: 2, rejected: [] });
    const [stored] = await dataSourceOf(service).query(`SELECT max_open_cases, meeting_mode FROM mentors WHERE id = 'MB00001'`);
    expect(stored).toEqual({ max_open_cases: 5, meeting_mode: 'in-person' });
  });

  it('applies a newer directory update, and ignores an older one and a redelivery', async () => {
    await http(service).put('/v1/students/D-1').set('authorization', coordinator).send({ program: 'MBBS', yearOfStudy: 2 }).expect(200);
    clock.advanceHours(1);
    const newer = directoryUpdate('D-1', '2031-01-02T00:00:00Z', { displayName: 'Adaeze Okafor', preferredName: 'Ada', email: 'ada@students.example.edu', identifiers: [{ type: 'username', value: 'aokafor' }], yearOfStudy: 3 });
    const older = directoryUpdate('D-1', '2031-01-01T00:00:00Z', { displayName: 'Old Name', email: 'old@students.example.edu' });
    const sameTime = directoryUpdate('D-1', '2031-01-02T00:00:00Z', { displayName: 'Same Time Other Name' });

    await send(newer);
    await waitUntil('the newer update applied', () => processed(newer.id));
    await send(older, sameTime, newer);
    await waitUntil('the older and the equal updates handled', async () => (await processed(older.id)) && (await processed(sameTime.id)));

    expect(await student('D-1')).toMatchObject({
      displayName: 'Adaeze Okafor',
      preferredName: 'Ada',
      email: 'ada@students.example.edu',
      identifiers: [{ type: 'username', value: 'aokafor' }],
      program: 'MBBS',
      yearOfStudy: 3,
    });
    const [inbox] = await dataSourceOf(service).query(`SELECT count(*)::int AS count FROM inbox WHERE event_id = $1`, [newer.id]);
    expect(inbox.count).toBe(1);
  });

  it('creates a student the update can place, and leaves one it cannot place to their first risk event', async () => {
    const placed = directoryUpdate('D-2', '2031-01-02T00:00:00Z', { displayName: 'Tanaka Yūki', program: 'MD', yearOfStudy: 1 });
    const unplaced = directoryUpdate('D-3', '2031-01-02T00:00:00Z', { displayName: 'No Programme Yet' });

    await send(placed, unplaced);
    await waitUntil('both updates handled', async () => (await processed(placed.id)) && (await processed(unplaced.id)));

    expect(await student('D-2')).toMatchObject({ displayName: 'Tanaka Yūki', program: 'MD', yearOfStudy: 1 });
    await http(service).get('/v1/students/D-3').set('authorization', ops).expect(404);
  });

  it('dead-letters an update that breaks the contract and goes on with the next', async () => {
    const dead = await recordTopic(deadLetterTopic(namespacedTopic(TOPICS.studentsDirectoryUpdated, service.namespace)));
    try {
      const poison = directoryUpdate('D-4', 'not a date', { email: 'not an email' });
      const good = directoryUpdate('D-2', '2031-01-03T00:00:00Z', { preferredName: 'Yūki' });

      await send(poison, good);

      await waitUntil('the poison message dead-lettered', () => dead.values.find((message) => message.key === 'D-4'));
      await waitUntil('the next update applied', () => processed(good.id));
      expect(await student('D-2')).toMatchObject({ displayName: 'Tanaka Yūki', preferredName: 'Yūki' });
    } finally {
      await dead.consumer.disconnect();
    }
  });

  it('publishes a corrected email written over REST, so notification hears it', async () => {
    await http(service).put('/v1/students/D-2').set('authorization', coordinator).send({ email: 'yuki.tanaka@students.example.edu' }).expect(200);

    const update = await waitUntil('the correction on the topic', () =>
      published.values.map((message) => JSON.parse(message.value) as EventEnvelope<StudentDirectoryUpdatedV1>).find((event) => event.subject === 'D-2' && event.data.email === 'yuki.tanaka@students.example.edu'),
    );
    expect(update.data).toMatchObject({ displayName: 'Tanaka Yūki', preferredName: 'Yūki', source: 'student-import' });
  });

  it('refuses a student the directory fields, and a coordinator another programme’s import', async () => {
    const self = await service.bearer('student', 'D-2');
    await http(service).put('/v1/students/D-2').set('authorization', self).send({ preferredName: 'Me' }).expect(403);
    const mdOnly = await coordinatorBearer(service, ['MD'], 'coordinator-md');
    const report = await http(service).post('/v1/students/import').set('authorization', mdOnly).send(studentRows(1, 'X')).expect(200);
    expect(report.body).toMatchObject({ created: 0, rejected: [{ id: 'X00000', problems: [{ field: 'program' }] }] });
  });
});
