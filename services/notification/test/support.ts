import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { caseEventType, CaseEventV1, CaseParticipantV1, EventEnvelope, namespacedTopic, NotificationDispatchedV1, TOPICS } from '@mentoring/contracts';
import { startTestService, TestDatabase, TestService, testKafka, uniqueName, waitUntil } from '@mentoring/testing';
import { Consumer, Producer } from 'kafkajs';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { Clock } from '@mentoring/platform';
import { NotificationConfig } from '../src/config/notification.config';
import { caseEvent } from '../src/outreach/domain/testing/realistic-cases';

export type Notification = TestService<NotificationConfig>;

/** The clock the service reads; tests move it forward, never back, and it keeps ticking in between. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advanceTo(moment: Date): void {
    this.offsetMs = Math.max(this.offsetMs, moment.getTime() - Date.now());
  }
}

export interface StartOptions {
  smtpPort: number;
  clock?: Clock;
  namespace?: string;
  database?: TestDatabase;
  overrides?: Partial<NotificationConfig>;
}

/** notification in-process, polling fast and retrying after 100 ms, 200 ms, 400 ms ... up to 1 s. */
export function startNotification(label: string, options: StartOptions): Promise<Notification> {
  return startTestService({
    configClass: NotificationConfig,
    appModule: (config) => AppModule.register(config, { clock: options.clock }),
    label,
    namespace: options.namespace,
    database: options.database,
    overrides: {
      SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
      PUBLIC_BASE_URL: 'https://console.example.edu',
      DEFAULT_MAX_EMAILS_PER_24H: 0,
      DELIVERY_POLL_MS: 50,
      SCHEDULER_POLL_MS: 100,
      DELIVERY_RETRY_BASE_MS: 100,
      DELIVERY_RETRY_MAX_MS: 1_000,
      SMTP_TIMEOUT_MS: 2_000,
      // Each service in a test takes replies on a port of its own.
      INBOUND_SMTP_PORT: 0,
      ...options.overrides,
    },
  });
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

export interface ReceivedMail {
  /** The SMTP envelope's recipients. */
  rcptTo: string[];
  parsed: ParsedMail;
}

/** A real SMTP server in this process, keeping every message it accepted, parsed; it can go down and come back on its port. */
export class TestMailServer {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestMailServer> {
    const mailServer = new TestMailServer(await freePort());
    await mailServer.resume();
    return mailServer;
  }

  async resume(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.received.push({ rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.rcptTo.includes(address));
  }

  /** Waits until `count` emails reached the address, and returns them. */
  waitFor(address: string, count = 1): Promise<ReceivedMail[]> {
    return waitUntil(`${count} email(s) to ${address}`, () => {
      const mails = this.to(address);
      return mails.length >= count && mails;
    });
  }
}

/** A student, mentor or coordinator with ids and addresses no other test uses. */
export function person(role: string, timeZone = 'Europe/London', displayName = `${role} ${uniqueName('p').slice(-6)}`): CaseParticipantV1 {
  const id = uniqueName(role);
  return { id, displayName, email: `${id}@example.edu`, timeZone };
}

export function caseEnvelope(data: Partial<CaseEventV1> & Pick<CaseEventV1, 'kind' | 'student'>): EventEnvelope<CaseEventV1> {
  const event = caseEvent({ caseId: uniqueName('case'), studentId: data.student.id, occurredAt: new Date().toISOString(), ...data });
  const id = randomUUID();
  return { id, type: caseEventType(event.kind), source: 'mentor-matching', time: event.occurredAt, subject: event.studentId, correlationId: id, causationId: null, data: event };
}

/** Publishes case events as mentor-matching would: keyed by student. */
export class CaseEventProducer {
  private constructor(
    private readonly producer: Producer,
    readonly topic: string,
  ) {}

  static async start(namespace: string): Promise<CaseEventProducer> {
    const producer = testKafka().producer();
    await producer.connect();
    return new CaseEventProducer(producer, namespacedTopic(TOPICS.mentoringCaseEvents, namespace));
  }

  async send(...envelopes: EventEnvelope<CaseEventV1>[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      messages: envelopes.map((envelope) => ({ key: envelope.subject, value: JSON.stringify(envelope), headers: { 'event-id': envelope.id, 'event-type': envelope.type } })),
    });
  }

  stop(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Collects notifications.dispatched.v1 from the beginning. */
export class DispatchedReader {
  readonly events: EventEnvelope<NotificationDispatchedV1>[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(namespace: string): Promise<DispatchedReader> {
    const consumer = testKafka().consumer({ groupId: uniqueName('dispatched-reader'), sessionTimeout: 10_000 });
    const reader = new DispatchedReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: namespacedTopic(TOPICS.notificationsDispatched, namespace), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        reader.events.push(JSON.parse(String(message.value)) as EventEnvelope<NotificationDispatchedV1>);
      },
    });
    return reader;
  }

  of(recipientId: string, filter: Partial<NotificationDispatchedV1> = {}): NotificationDispatchedV1[] {
    return this.events
      .map((event) => event.data)
      .filter((data) => data.recipientId === recipientId && Object.entries(filter).every(([field, value]) => data[field as keyof NotificationDispatchedV1] === value));
  }

  waitFor(recipientId: string, filter: Partial<NotificationDispatchedV1>, count = 1): Promise<NotificationDispatchedV1[]> {
    return waitUntil(`${count} dispatched event(s) ${JSON.stringify(filter)} for ${recipientId}`, () => {
      const found = this.of(recipientId, filter);
      return found.length >= count && found;
    });
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export interface InboxBody {
  unread: number;
  items: { messageId: string; template: string; subject: string; text: string; html: string; caseId: string | null; readAt: string | null }[];
}

/** The recipient's own inbox; a coordinator's token names `programmes`. */
export async function inboxOf(
  service: Notification,
  recipient: Pick<CaseParticipantV1, 'id'>,
  role: 'student' | 'mentor' | 'coordinator',
  programmes?: string[],
): Promise<InboxBody> {
  const token = await service.bearer(role, recipient.id, programmes);
  const response = await request(service.app.getHttpServer()).get(`/v1/recipients/${recipient.id}/inbox`).set('authorization', token).expect(200);
  return response.body as InboxBody;
}

export async function putPreferences(service: Notification, recipient: Pick<CaseParticipantV1, 'id'>, role: 'student' | 'mentor' | 'coordinator', preferences: object): Promise<void> {
  await request(service.app.getHttpServer())
    .put(`/v1/recipients/${recipient.id}/preferences`)
    .set('authorization', await service.bearer(role, recipient.id))
    .send(preferences)
    .expect(200);
}

export interface DeliveriesBody {
  deliveries: { channel: string; status: string; attempts: number; smtpMessageId: string | null; digestMessageId: string | null; log: { status: string; attempt: number | null; detail: string | null; occurredAt: string }[] }[];
}

export async function deliveriesOf(service: Notification, messageId: string): Promise<DeliveriesBody> {
  const response = await request(service.app.getHttpServer()).get(`/v1/messages/${messageId}/deliveries`).set('authorization', await service.bearer('ops')).expect(200);
  return response.body as DeliveriesBody;
}
