import { NO_PROGRAMMES_MESSAGE } from '@mentoring/auth';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { caseEnvelope, CaseEventProducer, inboxOf, Notification, person, startNotification, TestMailServer } from './support';

describe('notification: what a coordinator may see and change', () => {
  let mail: TestMailServer;
  let service: Notification;
  let producer: CaseEventProducer;
  let ops: string;
  let mbbsCoordinator: string;

  const http = () => request(service.app.getHttpServer());
  const coordinatorBody = (programmes: string[], email = 'desk@example.edu') => ({ displayName: 'Programme desk', email, timeZone: 'Europe/London', programmes });

  beforeAll(async () => {
    mail = await TestMailServer.start();
    service = await startNotification('notification_coordinator_scope', { smtpPort: mail.port });
    producer = await CaseEventProducer.start(service.namespace);
    ops = await service.bearer('ops');
    mbbsCoordinator = await service.bearer('coordinator', 'coord-mbbs', ['MBBS']);
  });

  afterAll(async () => {
    await producer?.stop();
    await service?.close();
    await mail?.stop();
  });

  /** The student's first message, once the case event is handled: the student's record exists from then on. */
  async function studentWithAMessage(program: string) {
    const student = person('student');
    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', program, student, mentor: person('mentor') }));
    const inbox = await waitUntil(`${student.id} has a message`, async () => {
      const body = await inboxOf(service, student, 'student');
      return body.items.length > 0 && body;
    });
    return { student, messageId: inbox.items[0].messageId };
  }

  it("never lets PUT /v1/recipients/:id rewrite a student's email, whoever asks", async () => {
    const { student } = await studentWithAMessage('MBBS');

    const asCoordinator = await http().put(`/v1/recipients/${student.id}`).set('authorization', mbbsCoordinator).send(coordinatorBody(['MBBS'], 'attacker@example.com')).expect(403);
    expect(asCoordinator.body.message).toBe(`${student.id} is known as a student: their contact details come from the student and mentor directory, not from here`);
    await http().put(`/v1/recipients/${student.id}`).set('authorization', ops).send(coordinatorBody(['MBBS'], 'attacker@example.com')).expect(403);

    const record = await http().get(`/v1/recipients/${student.id}`).set('authorization', ops).expect(200);
    expect(record.body).toMatchObject({ roles: ['student'], email: student.email });
  });

  it('lets a coordinator manage coordinator records of their own programmes only', async () => {
    await http().put('/v1/recipients/coord-mbbs-2').set('authorization', mbbsCoordinator).send(coordinatorBody(['MBBS'])).expect(200);
    const otherProgramme = await http().put('/v1/recipients/coord-md-2').set('authorization', mbbsCoordinator).send(coordinatorBody(['MBBS', 'MD'])).expect(403);
    expect(otherProgramme.body.message).toBe('A coordinator manages coordinator records of their own programmes only; not responsible for MD');

    await http().put('/v1/recipients/coord-md').set('authorization', ops).send(coordinatorBody(['MD'], 'md.desk@example.edu')).expect(200);
    await http().put('/v1/recipients/coord-md').set('authorization', mbbsCoordinator).send(coordinatorBody(['MBBS'], 'attacker@example.com')).expect(403);
    const mdDesk = await http().get('/v1/recipients/coord-md').set('authorization', ops).expect(200);
    expect(mdDesk.body).toMatchObject({ email: 'md.desk@example.edu', programmes: ['MD'] });

    const noProgrammes = await http().put('/v1/recipients/coord-new').set('authorization', await service.bearer('coordinator', 'coord-none')).send(coordinatorBody(['MBBS'])).expect(403);
    expect(noProgrammes.body.message).toBe(NO_PROGRAMMES_MESSAGE);
  });

  it("lets a coordinator read their own record and colleagues' records, not students' or other programmes'", async () => {
    const { student } = await studentWithAMessage('MBBS');
    await http().put('/v1/recipients/coord-mbbs').set('authorization', mbbsCoordinator).send(coordinatorBody(['MBBS'])).expect(200);
    await http().put('/v1/recipients/coord-md-3').set('authorization', ops).send(coordinatorBody(['MD'])).expect(200);

    await http().get('/v1/recipients/coord-mbbs').set('authorization', mbbsCoordinator).expect(200);
    await http().get('/v1/recipients/coord-md-3').set('authorization', mbbsCoordinator).expect(403);
    const studentRecord = await http().get(`/v1/recipients/${student.id}`).set('authorization', mbbsCoordinator).expect(403);
    expect(studentRecord.body.message).toBe('A coordinator may read only coordinator records of their own programmes');
  });

  it("shows a coordinator the deliveries of their programmes' messages only", async () => {
    const mbbs = await studentWithAMessage('MBBS');
    const md = await studentWithAMessage('MD');

    const own = await http().get(`/v1/messages/${mbbs.messageId}/deliveries`).set('authorization', mbbsCoordinator).expect(200);
    expect(own.body).toMatchObject({ recipientId: mbbs.student.id, program: 'MBBS' });
    const other = await http().get(`/v1/messages/${md.messageId}/deliveries`).set('authorization', mbbsCoordinator).expect(403);
    expect(other.body.message).toBe('A coordinator may see only messages about cases of their own programmes');
    await http().get(`/v1/messages/${md.messageId}/deliveries`).set('authorization', ops).expect(200);
    const none = await http().get(`/v1/messages/${mbbs.messageId}/deliveries`).set('authorization', await service.bearer('coordinator', 'coord-none')).expect(403);
    expect(none.body.message).toBe(NO_PROGRAMMES_MESSAGE);
  });

  it("lets a coordinator switch off the links of their own programme's students only", async () => {
    const { student } = await studentWithAMessage('MD');
    expect((await http().get(`/v1/recipients/${student.id}`).set('authorization', ops).expect(200)).body.programmes).toEqual(['MD']);

    const refused = await http().post(`/v1/recipients/${student.id}/links/revoke`).set('authorization', mbbsCoordinator).expect(403);
    expect(refused.body.message).toBe(`${student.id} is not known as a student of a programme this coordinator is responsible for`);
    await http().post(`/v1/recipients/${student.id}/links/revoke`).set('authorization', await service.bearer('coordinator', 'coord-md', ['MD'])).expect(200);
    await http().post(`/v1/recipients/${student.id}/links/revoke`).set('authorization', await service.bearer('coordinator', 'coord-none')).expect(403);
  });

  it("shows a coordinator's inbox only the escalations of the programmes their token names", async () => {
    const desk = 'coord-desk-both';
    await http().put(`/v1/recipients/${desk}`).set('authorization', ops).send(coordinatorBody(['MBBS', 'MD'], 'both.desk@example.edu')).expect(200);
    for (const program of ['MBBS', 'MD']) {
      await producer.send(caseEnvelope({ kind: 'escalated', status: 'waitlisted', program, escalationReason: 'no-eligible-mentor', student: person('student'), mentor: null }));
    }
    await waitUntil('both escalations reach the desk', async () => (await inboxOf(service, { id: desk }, 'coordinator', ['MBBS', 'MD'])).items.length === 2);

    const mbbsOnly = await inboxOf(service, { id: desk }, 'coordinator', ['MBBS']);
    expect(mbbsOnly.items).toHaveLength(1);
    expect(mbbsOnly.unread).toBe(1);
    const mbbsMessage = await http().get(`/v1/messages/${mbbsOnly.items[0].messageId}/deliveries`).set('authorization', ops).expect(200);
    expect(mbbsMessage.body.program).toBe('MBBS');

    const none = await http().get(`/v1/recipients/${desk}/inbox`).set('authorization', await service.bearer('coordinator', desk)).expect(403);
    expect(none.body.message).toBe(NO_PROGRAMMES_MESSAGE);
  });
});
