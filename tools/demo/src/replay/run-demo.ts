import { KafkaConnection } from '@mentoring/config';
import { CaseTimingReportReply, DeadLetterPageReply, FlagRatesReply, listOf, namespacedTopic, OutcomesReportReply, RiskLevel, TOPICS, WaitlistedCaseReply } from '@mentoring/contracts';
import { kafkaClientSettings } from '@mentoring/messaging';
import { sumOf } from '@mentoring/observability';
import { Kafka, logLevel } from 'kafkajs';
import { Cohort, FeedChannel, FeedRecord, generateCohort, PROGRAMS, summarizeCohort, toOneRosterFiles } from '../cohort';
import { defaultTermStart, writeCohort } from '../cohort-files';
import { ChannelTallies, countFields, emptyTallies, fieldsOfDeadLetterMessage, kafkaOutcomes } from './channel-tally';
import { DemoSummary, FollowThroughSummary, Link } from './demo-summary';
import {
  AcceptedCase,
  bookAsPromptMentors,
  BookedCase,
  DemoClock,
  firstClockMove,
  FOLLOW_THROUGH_DAYS,
  logMeetingsAsPromptMentors,
  stallsOnPurpose,
} from './follow-through';
import { replayKafka, replayOneRoster, replayRest } from './feed-replay';
import { consoleSignInLines, createConsoleAccounts, demoConsoleAccounts } from './console-accounts';
import { acceptAsPromptMentors, seedDirectory } from './directory-seeding';
import { deliveredCounts, emailsInFlight, gradeToEmailLatency } from './pipeline-events';
import { PipelineObserver } from './pipeline-observer';
import { PLATFORM_SERVICES, PlatformClient, PlatformUrls } from './platform-client';
import { activityOf, hasSettled, pendingWork, PipelineSnapshot, QUIET_AFTER_CLOCK_MOVE_MS, QUIET_MS, ReplayState } from './snapshot';

export interface DemoSettings {
  students: number;
  mentors: number;
  seed: number;
  urls: PlatformUrls;
  /** Brokers, TLS and SASL, as the services read them from the environment. */
  kafka: KafkaConnection;
  /** Topic namespace the services run under (KAFKA_TOPIC_NAMESPACE), if any. */
  namespace?: string;
  /** The registrar feed the grades are submitted as (the token subject and the Kafka `feed` header). */
  feed: string;
  /** How long the pipeline may take to settle after each step before the demo gives up. */
  settleTimeoutMs: number;
  links: Link[];
  /** The console and its database, when it runs: the demo's people get sign-ins there. */
  console?: { url: string; databaseUrl: string };
  /**
   * The platform's development clock (the MENTORING_CLOCK_FILE its services read): when given, the
   * demo moves time on after the introductions, so meetings happen, reminders and nudges fall due
   * and the outcomes report has cases old enough to count.
   */
  clockFile?: string;
  /** Where to leave the generated sample (cohort.json, feed.json, oneroster/); not written when absent. */
  dataDir?: string;
  onProgress(snapshot: PipelineSnapshot, elapsedMs: number): void;
}

const POLL_MS = 1_000;
// Reads the summary's reports over every programme.
const COORDINATOR = { role: 'coordinator', subject: 'demo-coordinator', programmes: PROGRAMS } as const;
const OPS = { role: 'ops', subject: 'demo-ops' } as const;
// The largest page GET /v1/ops/dead-letters serves; a feed's malformed share stays well below it.
const MAX_DEAD_LETTERS_PAGE = 500;
const DAY_MS = 24 * 3600_000;

/**
 * The demo: generates the cohort, seeds the people through the APIs, replays the registrar feed
 * through REST, the Kafka topic and a OneRoster import at once, waits for the pipeline to settle,
 * lets the responsive mentors accept their cases and book a first meeting (some pairs stall on
 * purpose), waits again and, on the development clock, lets 15 days pass in two steps (the
 * mentors log the meetings that took place in between), then sums up what happened.
 */
export async function runDemo(settings: DemoSettings): Promise<DemoSummary> {
  const startedAt = Date.now();
  const cohort = generateDemoCohort(settings);
  if (settings.dataDir) await writeCohort(cohort, settings.dataDir);
  const client = new PlatformClient(settings.urls);
  const kafka = new Kafka({ clientId: 'demo-replay', ...kafkaClientSettings(settings.kafka), logLevel: logLevel.NOTHING });
  const observer = new PipelineObserver(kafka, settings.namespace);
  await observer.start();
  try {
    const coordinators = await seedDirectory(client, cohort);
    const consoleSignIn = signInToConsole(settings, cohort);
    // Hashing the passwords runs beside the replay; until it is awaited, a failure must not crash the demo.
    consoleSignIn.catch(() => undefined);
    const replay = new FeedReplay(client, kafka, settings, cohort);
    await replay.start();
    const read = () => replay.snapshot(observer);
    const progress = (snapshot: PipelineSnapshot) => settings.onProgress(snapshot, Date.now() - startedAt);
    await untilSettled(read, replay.state, settings.settleTimeoutMs, progress);
    const accepted = await acceptAsPromptMentors(client, cohort);
    const clock = settings.clockFile ? new DemoClock(settings.clockFile) : undefined;
    const booked = await bookAsPromptMentors(client, accepted, settings.seed, clock?.now() ?? new Date());
    const settle = (quietMs = QUIET_MS) => untilSettled(read, replay.state, settings.settleTimeoutMs, progress, quietMs);
    let final = await settle();
    // Measured before the clock moves: emails that timers send days later are no grade's latency.
    const gradeToEmail = gradeToEmailLatency(observer.grades, observer.deliveries);
    let logged = 0;
    if (clock) {
      // Past the booked first meetings (and the "nothing booked" nudge), where the mentors log them;
      // then on to 15 days after the flags, so "met within 7 / 14 days" counts every case and the
      // coordinator hears of pairs that never met.
      const firstMove = firstClockMove(booked, clock.now());
      clock.advance(firstMove);
      await settle(QUIET_AFTER_CLOCK_MOVE_MS);
      logged = await logMeetingsAsPromptMentors(client, booked, clock.now());
      await settle();
      clock.advance(FOLLOW_THROUGH_DAYS * DAY_MS - firstMove);
      final = await settle(QUIET_AFTER_CLOCK_MOVE_MS);
    }
    final.grades.kafka.rejectedFields = await kafkaRejectedFields(client, settings.namespace);
    const [waitlist, timing, outcomes, matchingMetrics] = await Promise.all([
      client.json('mentor-matching', COORDINATOR, '/v1/coordinator/waitlist', listOf(WaitlistedCaseReply)),
      client.json('mentor-matching', COORDINATOR, '/v1/reports/case-timing', CaseTimingReportReply),
      client.json('mentor-matching', COORDINATOR, '/v1/reports/outcomes', OutcomesReportReply),
      client.metrics('mentor-matching'),
    ]);
    return {
      cohort: {
        students: cohort.students.length,
        mentors: cohort.mentors.length,
        coordinators,
        feedRecords: cohort.feed.length,
        feedByKind: summarizeCohort(cohort).feed.byKind,
      },
      final,
      waitlist: waitlist.length,
      acceptedByMentors: accepted.length,
      followThrough: followThroughOf({ accepted, booked, logged, seed: settings.seed, clock, outcomes, nudges: sumOf(matchingMetrics, 'mentoring_nudges_total') }),
      flagToFirstContact: timing.flagToFirstContact,
      gradeToEmail,
      elapsedMs: Date.now() - startedAt,
      links: settings.links,
      consoleSignIn: await consoleSignIn,
    };
  } finally {
    await observer.stop();
  }
}

function followThroughOf(facts: {
  accepted: readonly AcceptedCase[];
  booked: readonly BookedCase[];
  logged: number;
  seed: number;
  clock?: DemoClock;
  outcomes: OutcomesReportReply;
  nudges: number;
}): FollowThroughSummary {
  const { total } = facts.outcomes;
  return {
    clockMovedDays: facts.clock ? Math.round(facts.clock.offsetMs / DAY_MS) : 0,
    booked: facts.booked.length,
    stalledOnPurpose: facts.accepted.filter((pair) => stallsOnPurpose(pair.studentId, facts.seed)).length,
    sessionsLogged: facts.logged,
    metWithin7Days: total.metWithin7Days,
    metWithin14Days: total.metWithin14Days,
    flagToFirstMeeting: total.flagToFirstMeeting,
    nudges: facts.nudges,
  };
}

/** Console sign-ins for the demo's people, and the summary lines that tell a person how to use them. */
async function signInToConsole({ console }: DemoSettings, cohort: Cohort): Promise<string[]> {
  if (!console) return [];
  const accounts = demoConsoleAccounts(cohort);
  await createConsoleAccounts(console.databaseUrl, accounts);
  return consoleSignInLines(console.url, accounts);
}

function generateDemoCohort({ seed, students, mentors }: DemoSettings): Cohort {
  const now = new Date();
  return generateCohort({ seed, students, mentors, termStart: defaultTermStart(now), now });
}

/** The feed split by channel and sent through all three at once, as several registrar systems would. */
class FeedReplay {
  readonly state: ReplayState = { sendingDone: false };
  private tallies: ChannelTallies = emptyTallies();
  private kafkaBaseline: Awaited<ReturnType<PlatformClient['metrics']>> = [];

  constructor(
    private readonly client: PlatformClient,
    private readonly kafka: Kafka,
    private readonly settings: DemoSettings,
    private readonly cohort: Cohort,
  ) {}

  async start(): Promise<void> {
    const { client, settings, cohort } = this;
    const share = (channel: FeedChannel) => cohort.feed.filter((entry: FeedRecord) => entry.channel === channel);
    this.kafkaBaseline = await client.metrics('grade-ingest');
    const oneroster = share('oneroster');
    void Promise.all([
      replayRest(client, settings.feed, share('rest'), (tally) => (this.tallies.rest = tally)),
      replayKafka(this.kafka, settings.namespace, settings.feed, share('kafka'), (sent) => (this.tallies.kafka.sent = sent)),
      replayOneRoster(client, settings.feed, toOneRosterFiles(oneroster, cohort), oneroster.length, (tally) => (this.tallies.oneroster = tally)),
    ]).then(
      () => (this.state.sendingDone = true),
      (error: Error) => (this.state.failure = error),
    );
  }

  async snapshot(observer: PipelineObserver): Promise<PipelineSnapshot> {
    const { client } = this;
    const [flagRates, timing, consumerLag, metrics] = await Promise.all([
      client.json('risk-scoring', COORDINATOR, '/v1/reports/flag-rates', FlagRatesReply),
      client.json('mentor-matching', COORDINATOR, '/v1/reports/case-timing', CaseTimingReportReply),
      observer.consumerLag(),
      Promise.all(PLATFORM_SERVICES.map((service) => client.metrics(service))),
    ]);
    const gradeIngestMetrics = metrics[PLATFORM_SERVICES.indexOf('grade-ingest')];
    this.tallies.kafka = { ...this.tallies.kafka, outcomes: kafkaOutcomes(this.kafkaBaseline, gradeIngestMetrics) };
    const standings: Record<RiskLevel, number> = { ok: 0, watch: 0, 'at-risk': 0, urgent: 0 };
    for (const group of flagRates.groups) for (const level of Object.keys(standings) as RiskLevel[]) standings[level] += group.levels[level];
    return {
      grades: structuredClone(this.tallies),
      standings,
      cases: timing.byStatus,
      delivered: deliveredCounts(observer.deliveries),
      emailsInFlight: emailsInFlight(observer.deliveries),
      consumerLag,
      eventsHandled: metrics.reduce(
        (sum, samples) => sum + sumOf(samples, 'mentoring_events_consumed_total') + sumOf(samples, 'mentoring_events_produced_total'),
        0,
      ),
    };
  }
}

/** Polls the platform until it has settled (see hasSettled), reporting each reading; fails with what is still pending after `timeoutMs`. */
async function untilSettled(
  read: () => Promise<PipelineSnapshot>,
  replay: ReplayState,
  timeoutMs: number,
  onReading: (snapshot: PipelineSnapshot) => void,
  quietMs = QUIET_MS,
): Promise<PipelineSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let lastActivity = '';
  let quietSince = Date.now();
  for (;;) {
    if (replay.failure) throw replay.failure;
    const snapshot = await read();
    onReading(snapshot);
    const activity = activityOf(snapshot);
    if (activity !== lastActivity) [lastActivity, quietSince] = [activity, Date.now()];
    if (hasSettled(replay, snapshot, Date.now() - quietSince, quietMs)) return snapshot;
    if (Date.now() > deadline) {
      const pending = pendingWork(replay, snapshot);
      throw new Error(
        `The pipeline had not settled after ${timeoutMs / 1000} s (${pending.length > 0 ? pending.join('; ') : 'events were still moving'}). ` +
          'See npm run ops -- status and the logs in tmp/logs.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The fields Kafka submissions were refused for, from grade-ingest's dead letters of the registrar
 * topic. The demo's databases are new at every start, so all of them are this replay's.
 */
async function kafkaRejectedFields(client: PlatformClient, namespace: string | undefined): Promise<Record<string, number>> {
  const topic = namespacedTopic(TOPICS.registrarGradesSubmitted, namespace);
  const page = await client.json('grade-ingest', OPS, `/v1/ops/dead-letters?topic=${encodeURIComponent(topic)}&limit=${MAX_DEAD_LETTERS_PAGE}`, DeadLetterPageReply);
  return countFields({}, page.items.map((item) => fieldsOfDeadLetterMessage(item.error.message)));
}
