import { CaseEventV1, createEnvelope, EventEnvelope, namespacedTopic, RISK_ASSESSED_V1, RiskAssessedV1, RiskAssessmentCause, RiskLevel, RiskReasonV1, TOPICS } from '@mentoring/contracts';
import { startTestService, TestDatabase, TestService, testKafka, uniqueName, waitUntil } from '@mentoring/testing';
import { Consumer, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Clock } from '@mentoring/platform';
import { MentorMatchingConfig } from '../src/config/mentor-matching.config';

const HOUR_MS = 3_600_000;

/** A clock the test moves; every replica of a test shares one, as they would share real time. */
export class MovableClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceHours(hours: number): void {
    this.current += hours * HOUR_MS;
  }
}

/** Monday 06:00 UTC: slots and SLA deadlines in tests are computed from here. */
export const MONDAY_MORNING = new Date('2030-03-04T06:00:00Z');

export type MatchingService = TestService<MentorMatchingConfig>;

export function startMatching(options: {
  clock: Clock;
  database?: TestDatabase;
  namespace?: string;
  overrides?: Partial<MentorMatchingConfig>;
}): Promise<MatchingService> {
  return startTestService({
    configClass: MentorMatchingConfig,
    appModule: (config) => AppModule.register(config, { clock: options.clock }),
    label: 'mentor-matching',
    database: options.database,
    namespace: options.namespace,
    overrides: { MATCH_BURST_WINDOW_MS: 300, WORKER_POLL_INTERVAL_MS: 50, ...options.overrides },
  });
}

export function dataSourceOf(service: MatchingService): DataSource {
  return service.app.get(DataSource);
}

export function http(service: MatchingService) {
  return request(service.app.getHttpServer());
}

const WEEKDAYS = [1, 2, 3, 4, 5];

export function mentorBody(mentorId: string, overrides: Record<string, unknown> = {}) {
  return {
    mentorId,
    displayName: `Dr ${mentorId}`,
    email: `${mentorId.toLowerCase()}@faculty.example.edu`,
    timeZone: 'Asia/Karachi',
    programs: ['MBBS'],
    expertiseCourseCodes: [],
    maxOpenCases: 3,
    weeklyAvailability: WEEKDAYS.map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    ...overrides,
  };
}

/** Every programme these tests put students and mentors in. */
export const TEST_PROGRAMMES = ['MBBS', 'MD', 'BBMS'];

/** A coordinator's bearer header for these programmes (all the tests' by default). */
export function coordinatorBearer(service: MatchingService, programmes: string[] = TEST_PROGRAMMES, subject = 'coordinator-test'): Promise<string> {
  return service.bearer('coordinator', subject, programmes);
}

export async function addMentors(service: MatchingService, mentors: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const coordinator = await coordinatorBearer(service);
  for (const mentor of mentors) {
    await http(service).post('/v1/mentors').set('authorization', coordinator).send(mentor).expect(201);
  }
}

export function riskEvent(
  studentId: string,
  options: {
    level?: RiskLevel;
    previousLevel?: RiskLevel;
    program?: string;
    correlationId?: string;
    weakCourses?: string[];
    /** A change of marks unless the test says otherwise. */
    cause?: RiskAssessmentCause;
    reasons?: RiskReasonV1[];
  } = {},
): EventEnvelope<RiskAssessedV1> {
  const data: RiskAssessedV1 = {
    studentId,
    program: options.program ?? 'MBBS',
    yearOfStudy: 2,
    level: options.level ?? 'at-risk',
    previousLevel: options.previousLevel ?? 'ok',
    reasons: options.reasons ?? [{ code: 'mean-below-threshold', value: 64, threshold: 70, gradeIds: ['g-1', 'g-2'], summary: 'Mean of summatives 64% (below 70%)' }],
    weakCourses: options.weakCourses ?? ['ANAT101'],
    policyVersion: 1,
    assessedAt: MONDAY_MORNING.toISOString(),
    cause: options.cause ?? 'grade',
  };
  return createEnvelope({ type: RISK_ASSESSED_V1, source: 'risk-scoring', subject: studentId, data, correlationId: options.correlationId });
}

export class RiskFeed {
  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async open(namespace: string): Promise<RiskFeed> {
    const producer = testKafka().producer();
    await producer.connect();
    return new RiskFeed(producer, namespacedTopic(TOPICS.riskAssessed, namespace));
  }

  async send(...events: EventEnvelope<RiskAssessedV1>[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Every case event published in a namespace, as it arrives. */
export class CaseEventLog {
  readonly events: EventEnvelope<CaseEventV1>[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async open(namespace: string): Promise<CaseEventLog> {
    const consumer = testKafka().consumer({ groupId: uniqueName('case-event-log') });
    const log = new CaseEventLog(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: namespacedTopic(TOPICS.mentoringCaseEvents, namespace), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        log.events.push(JSON.parse(String(message.value)) as EventEnvelope<CaseEventV1>);
      },
    });
    return log;
  }

  of(kind: CaseEventV1['kind'], studentId?: string): EventEnvelope<CaseEventV1>[] {
    return this.events.filter((event) => event.data.kind === kind && (studentId === undefined || event.subject === studentId));
  }

  /** The first event of that kind for the student satisfying `matches`, once it has arrived. */
  waitFor(kind: CaseEventV1['kind'], studentId: string, matches: (event: CaseEventV1) => boolean = () => true): Promise<EventEnvelope<CaseEventV1>> {
    return waitUntil(`a case-${kind} event for ${studentId}`, () => this.of(kind, studentId).find((event) => matches(event.data)));
  }

  close(): Promise<void> {
    return this.consumer.disconnect();
  }
}
