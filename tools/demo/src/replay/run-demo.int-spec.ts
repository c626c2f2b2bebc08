import { Pipeline, PIPELINE_SERVICES, testKafkaConnection } from '@mentoring/testing';
import { answered } from './channel-tally';
import { DemoSummary } from './demo-summary';
import { PlatformUrls } from './platform-client';
import { runDemo } from './run-demo';
import { totalDelivered, totalOf } from './snapshot';

// The whole platform with a small cohort: the summary must say what really happened to its records.
describe('the npm start demo replay', () => {
  const pipeline = new Pipeline();
  let summary: DemoSummary;

  beforeAll(async () => {
    await pipeline.start();
    const urls = Object.fromEntries(PIPELINE_SERVICES.map((service) => [service, pipeline.instancesOf(service)[0].url])) as PlatformUrls;
    summary = await runDemo({
      students: 40,
      mentors: 4,
      seed: 42,
      urls,
      kafka: testKafkaConnection(),
      namespace: pipeline.namespace,
      feed: 'demo-registrar',
      settleTimeoutMs: 150_000,
      links: [],
      clockFile: pipeline.clockFile,
      onProgress: () => undefined,
    });
  }, 300_000);

  afterAll(() => pipeline.stop());

  it('has an outcome for every record sent on each channel, and the channels together carry the whole feed', () => {
    for (const tally of Object.values(summary.final.grades)) expect(answered(tally)).toBe(tally.sent);
    expect(totalOf(Object.fromEntries(Object.entries(summary.final.grades).map(([channel, tally]) => [channel, tally.sent])))).toBe(
      summary.cohort.feedRecords,
    );
  });

  it('rejects every malformed record, naming the fields that are wrong', () => {
    const { malformed } = summary.cohort.feedByKind;
    const grades = Object.values(summary.final.grades);
    expect(malformed).toBeGreaterThan(0);
    expect(grades.reduce((sum, tally) => sum + tally.outcomes.rejected, 0)).toBe(malformed);
    const namedFields = grades.flatMap((tally) => Object.keys(tally.rejectedFields));
    expect(namedFields.length).toBeGreaterThan(0);
    expect(namedFields.every((field) => /^[a-zA-Z.]+$/.test(field))).toBe(true);
  });

  it('assesses every student with grades, opens and matches cases, and delivers messages traced back to grades', () => {
    expect(totalOf(summary.final.standings)).toBe(summary.cohort.students);
    expect(totalOf(summary.final.cases)).toBeGreaterThan(0);
    expect(summary.final.cases.matched + summary.final.cases.active).toBeGreaterThan(0);
    expect(totalDelivered(summary.final.delivered)).toBeGreaterThan(0);
    expect(summary.gradeToEmail.count).toBeGreaterThan(0);
  });

  it('moves the clock two weeks on: prompt mentors book and meet, stalled pairs are nudged, and the outcomes count who met within 7 and 14 days', () => {
    const { followThrough } = summary;
    expect(followThrough.clockMovedDays).toBe(15);
    expect(followThrough.booked).toBeGreaterThan(0);
    expect(followThrough.booked + followThrough.stalledOnPurpose).toBeLessThanOrEqual(summary.acceptedByMentors);
    expect(followThrough.sessionsLogged).toBe(followThrough.booked);
    expect(followThrough.metWithin7Days.met).toBeGreaterThanOrEqual(followThrough.sessionsLogged);
    expect(followThrough.metWithin14Days.share).not.toBeNull();
    expect(followThrough.metWithin14Days.met).toBeLessThan(followThrough.metWithin14Days.cases);
    expect(followThrough.nudges).toBeGreaterThan(0);
  });
});
