import { createTestDatabase, TestDatabase, uniqueName } from '@mentoring/testing';
import { BANNED_FOR_STUDENTS, matchesOf, SCORE_LIKE, visibleTextOf, withoutUrls } from '../src/outreach/domain/testing/language-rules';
import { caseEvent, slots } from '../src/outreach/domain/testing/realistic-cases';
import { caseEnvelope, CaseEventProducer, Notification, person, ReceivedMail, startNotification, TestMailServer } from './support';

const NEVER_SAID = [...BANNED_FOR_STUDENTS, ...SCORE_LIKE];

function shownOf({ parsed }: ReceivedMail): string {
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  return withoutUrls(`${parsed.subject ?? ''}\n${parsed.text ?? ''}\n${visibleTextOf(html)}`);
}

// The first emails of a self-referral, as they leave through SMTP: the mentor hears the student
// asked, the student is introduced to their mentor, and neither reads a word about marks, even
// when the event carries reasons from somewhere.
describe('notification: a self-referral’s first messages', () => {
  let mail: TestMailServer;
  let database: TestDatabase;
  let service: Notification;
  let producer: CaseEventProducer;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await createTestDatabase('notification_self_referral');
    const namespace = uniqueName('notification_self_referral');
    service = await startNotification('notification_self_referral', { smtpPort: mail.port, database, namespace });
    producer = await CaseEventProducer.start(namespace);
  });

  afterAll(async () => {
    await producer?.stop();
    await service?.close();
    await mail?.stop();
    await database?.drop();
  });

  it('offers the case to the mentor as the student’s request and introduces the mentor to the student, never mentioning marks', async () => {
    const student = person('student', 'Asia/Dubai', 'Omar Haddad');
    const mentor = person('mentor', 'Asia/Dubai', 'Dr Farah Azhar');
    const offered = slots(3, new Date(Date.now() + 2 * 86_400_000).toISOString());
    const reasons = caseEvent().reasons;
    const common = { student, mentor, proposedSlots: offered, openedFor: 'self-referral' as const, riskLevel: 'ok' as const, reasons, weakCourses: ['ANAT201'] };

    await producer.send(caseEnvelope({ kind: 'matched', status: 'matched', ...common }));
    const [offer] = await mail.waitFor(mentor.email as string);
    expect(offer.parsed.subject).toContain('A student asked for a mentor');
    expect(offer.parsed.text).toContain('asked for a mentor and has been matched with you');
    expect(matchesOf(shownOf(offer), NEVER_SAID)).toEqual([]);
    for (const reason of reasons) expect(shownOf(offer)).not.toContain(reason.summary);
    expect(shownOf(offer)).not.toContain('ANAT201');

    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', ...common }));
    const [introduction] = await mail.waitFor(student.email as string);
    expect(introduction.parsed.text).toContain('Thanks for asking to talk to someone.');
    expect(introduction.parsed.text).toContain('Dr Farah Azhar');
    expect(matchesOf(shownOf(introduction), NEVER_SAID)).toEqual([]);
  });
});
