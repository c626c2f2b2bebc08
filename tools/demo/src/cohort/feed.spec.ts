import { GradeSubmissionV1, validatePayload } from '@mentoring/contracts';
import { PROGRAMS } from './catalogue';
import { generateCohort } from './cohort';
import { Cohort, FeedRecord, MalformedFeedRecord, ValidFeedRecord } from './model';
import { expectedLowAchievers } from './standing';

const TERM = { termStart: '2026-01-12', now: new Date('2026-04-20T10:00:00Z') };

describe('the registrar feed', () => {
  let cohort: Cohort;
  let valid: ValidFeedRecord[];
  let malformed: MalformedFeedRecord[];
  let originalById: Map<string, ValidFeedRecord>;
  let positionOf: Map<FeedRecord, number>;
  const ofKind = (kind: FeedRecord['kind']) => cohort.feed.filter((entry) => entry.kind === kind);
  const shareOf = (kind: FeedRecord['kind']) => ofKind(kind).length / ofKind('original').length;

  beforeAll(() => {
    cohort = generateCohort(TERM);
    valid = cohort.feed.filter((entry): entry is ValidFeedRecord => entry.kind !== 'malformed');
    malformed = cohort.feed.filter((entry): entry is MalformedFeedRecord => entry.kind === 'malformed');
    originalById = new Map(valid.filter((e) => e.kind === 'original').map((e) => [e.record.sourceRecordId, e]));
    positionOf = new Map(cohort.feed.map((entry, position) => [entry, position]));
  });

  it('holds one original per student and assessment released so far', () => {
    const originals = ofKind('original');
    expect(originals).toHaveLength(2000 * 16);
    expect(new Set(originals.map(({ record }) => `${record.studentId}/${record.assessmentId}`)).size).toBe(originals.length);
    expect(new Set(cohort.feed.filter((e) => e.kind === 'original' || e.kind === 'malformed').map((e) => e.record.sourceRecordId)).size).toBe(
      originals.length + malformed.length,
    );
  });

  it('resends about 2%, amends about 1% and breaks about 0.5% of the results', () => {
    expect(shareOf('duplicate')).toBeGreaterThan(0.015);
    expect(shareOf('duplicate')).toBeLessThan(0.025);
    expect(shareOf('amendment')).toBeGreaterThan(0.007);
    expect(shareOf('amendment')).toBeLessThan(0.013);
    expect(shareOf('malformed')).toBeGreaterThan(0.003);
    expect(shareOf('malformed')).toBeLessThan(0.007);
  });

  it('makes a minority of students consistently low achievers (8-18% below a 70% summative mean)', () => {
    const share = expectedLowAchievers(cohort.feed).length / cohort.students.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.18);
  });

  it('sends mostly final marks, with a few exempt and not-submitted results that carry no mark', () => {
    const statuses = ofKind('original').map(({ record }) => record.scoreStatus);
    expect(statuses.filter((s) => s === 'fully graded').length / statuses.length).toBeGreaterThan(0.95);
    expect(statuses).toContain('exempt');
    expect(statuses).toContain('not submitted');
    for (const { record } of valid.filter((e) => e.record.scoreStatus !== 'fully graded')) expect(record.score).toBe(0);
  });

  it('is valid per the contract for every original, duplicate and amendment', () => {
    const invalid = valid.filter(({ record }) => !validatePayload(GradeSubmissionV1, record).ok);
    expect(invalid).toEqual([]);
    expect(valid.every(({ record }) => Date.parse(record.gradedAt) <= TERM.now.getTime())).toBe(true);
  });

  it('resends duplicates unchanged, in the same channel, after the original', () => {
    for (const duplicate of ofKind('duplicate')) {
      const original = originalById.get(duplicate.record.sourceRecordId);
      expect(original?.record).toEqual(duplicate.record);
      expect(original?.channel).toBe(duplicate.channel);
      expect(positionOf.get(original as FeedRecord)).toBeLessThan(positionOf.get(duplicate) as number);
    }
  });

  it('amends a score under the same sourceRecordId and channel, graded and sent later', () => {
    for (const amendment of ofKind('amendment') as ValidFeedRecord[]) {
      const original = originalById.get(amendment.record.sourceRecordId);
      expect(original).toBeDefined();
      const before = original as ValidFeedRecord;
      expect(amendment.channel).toBe(before.channel);
      expect(amendment.record.score).not.toBe(before.record.score);
      expect({ ...amendment.record, score: 0, gradedAt: '' }).toEqual({ ...before.record, score: 0, gradedAt: '' });
      expect(Date.parse(amendment.record.gradedAt)).toBeGreaterThan(Date.parse(before.record.gradedAt));
      expect(positionOf.get(amendment)).toBeGreaterThan(positionOf.get(before) as number);
    }
  });

  it('is ordered by the time each record is sent, which is its gradedAt for originals and amendments', () => {
    const outOfOrder = cohort.feed.filter((entry, position) => position > 0 && entry.sentAt < cohort.feed[position - 1].sentAt);
    expect(outOfOrder).toEqual([]);
    expect(valid.filter((e) => e.kind !== 'duplicate' && e.sentAt !== e.record.gradedAt)).toEqual([]);
  });

  it('carries every valid result of an assessment through that assessment’s channel', () => {
    const channelOf = new Map(cohort.courses.flatMap((c) => c.assessments.map((a) => [a.assessmentId, a.channel] as const)));
    expect(valid.filter(({ record, channel }) => channelOf.get(record.assessmentId) !== channel)).toEqual([]);
    for (const channel of ['rest', 'kafka', 'oneroster'] as const) {
      expect(cohort.feed.filter((e) => e.channel === channel).length / cohort.feed.length).toBeCloseTo(1 / 3, 1);
    }
  });

  describe('malformed records', () => {
    it('cover every documented defect', () => {
      expect(new Set(malformed.map((m) => m.defect))).toEqual(
        new Set(['score-above-max', 'unknown-program', 'missing-student-id', 'graded-in-future', 'unknown-assessment-type']),
      );
    });

    it('fail the contract on at least the expected fields when the contract can tell', () => {
      for (const entry of malformed.filter((m) => m.detectedBy === 'contract')) {
        const result = validatePayload(GradeSubmissionV1, entry.record);
        expect(result.ok).toBe(false);
        const reported = result.ok ? [] : result.problems.map((problem) => problem.field);
        expect(reported).toEqual(expect.arrayContaining(entry.expectedProblemFields));
      }
    });

    it('break only the service rules (known programme, not in the future) otherwise', () => {
      for (const entry of malformed.filter((m) => m.detectedBy === 'service')) {
        expect(validatePayload(GradeSubmissionV1, entry.record).ok).toBe(true);
        const { program, gradedAt } = entry.record;
        const breaksRule = entry.defect === 'unknown-program' ? !(PROGRAMS as readonly string[]).includes(program) : Date.parse(gradedAt) > TERM.now.getTime();
        expect(breaksRule).toBe(true);
      }
    });

    it('travel by REST or Kafka when a results.csv row cannot carry the defect', () => {
      const rowless = malformed.filter((m) => m.defect === 'unknown-program' || m.defect === 'unknown-assessment-type');
      expect(rowless.length).toBeGreaterThan(0);
      expect(rowless.filter((m) => m.channel === 'oneroster')).toEqual([]);
      expect(malformed.some((m) => m.channel === 'oneroster')).toBe(true);
    });
  });
});
