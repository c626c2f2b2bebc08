import { DAY_MS, isoDateTime } from './calendar';
import { FeedChannel, GradeField, GradeSubmission, MalformedDefect, MalformedFeedRecord, MalformedSubmission } from './model';
import { Random } from './random';

interface DefectSpec {
  expectedProblemFields: GradeField[];
  detectedBy: MalformedFeedRecord['detectedBy'];
  /**
   * Whether a results.csv row can carry the defect. Programme and assessment type come from
   * users.csv and lineItems.csv, shared by many rows, so those defects travel by REST or Kafka.
   */
  fitsOneRosterRow: boolean;
  spoil(record: GradeSubmission, random: Random, now: number): MalformedSubmission;
}

/** A programme this school does not run: well-formed, so only the service's list of programmes refuses it. */
export const UNKNOWN_PROGRAM = 'BDS';

const DEFECTS: Readonly<Record<MalformedDefect, DefectSpec>> = {
  'score-above-max': {
    expectedProblemFields: ['score'],
    detectedBy: 'contract',
    fitsOneRosterRow: true,
    spoil: (record, random) => ({ ...record, score: record.maxScore + random.int(1, 10), scoreStatus: 'fully graded' }),
  },
  'unknown-program': {
    expectedProblemFields: ['program'],
    detectedBy: 'service',
    fitsOneRosterRow: false,
    spoil: (record) => ({ ...record, program: UNKNOWN_PROGRAM }),
  },
  'missing-student-id': {
    expectedProblemFields: ['studentId'],
    detectedBy: 'contract',
    fitsOneRosterRow: true,
    spoil: ({ studentId: _dropped, ...record }) => record,
  },
  'graded-in-future': {
    expectedProblemFields: ['gradedAt'],
    detectedBy: 'service',
    fitsOneRosterRow: true,
    spoil: (record, random, now) => ({ ...record, gradedAt: isoDateTime(now + random.int(20, 60) * DAY_MS) }),
  },
  'unknown-assessment-type': {
    expectedProblemFields: ['assessmentType'],
    detectedBy: 'contract',
    fitsOneRosterRow: false,
    spoil: (record) => ({ ...record, assessmentType: 'quiz' }),
  },
};

/** Every defect, in the order the generator cycles through them so that each appears. */
export const MALFORMED_DEFECTS = Object.keys(DEFECTS) as MalformedDefect[];

export interface MalformedDraft {
  defect: MalformedDefect;
  /** A correct record (with a fresh sourceRecordId) to spoil. */
  record: GradeSubmission;
  channel: FeedChannel;
  sentAt: string;
  now: number;
}

/** The draft record broken by `defect`, with the fields a validator must name. */
export function spoilRecord(random: Random, draft: MalformedDraft): MalformedFeedRecord {
  const spec = DEFECTS[draft.defect];
  const channel = draft.channel === 'oneroster' && !spec.fitsOneRosterRow ? random.pick<FeedChannel>(['rest', 'kafka']) : draft.channel;
  return {
    kind: 'malformed',
    channel,
    sentAt: draft.sentAt,
    record: spec.spoil(draft.record, random, draft.now),
    defect: draft.defect,
    expectedProblemFields: [...spec.expectedProblemFields],
    detectedBy: spec.detectedBy,
  };
}
