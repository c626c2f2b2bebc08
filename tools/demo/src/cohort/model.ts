import type { AssessmentType, GradeSubmissionV1 } from '@mentoring/contracts';
import type { ProgramCode } from './catalogue';

/** A recurring weekly window in the person's own time zone; `weekday` is ISO (1 = Monday, 7 = Sunday). */
export interface WeeklyWindow {
  weekday: number;
  /** HH:mm */
  start: string;
  /** HH:mm, later than `start` on the same day. */
  end: string;
}

/** How a student's marks move through the term; ground truth the pipeline should rediscover, never an input to it. */
export type Trajectory = 'steady' | 'consistently-low' | 'declining';

export interface LatentPerformance {
  trajectory: Trajectory;
  /** Expected percentage at the start of the term. */
  ability: number;
  /** Percentage points gained (or, when negative, lost) from the start of the term to its end. */
  trendPerTerm: number;
}

export interface DemoStudent {
  studentId: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  program: ProgramCode;
  yearOfStudy: number;
  /** IANA time zone. */
  timeZone: string;
  preferredTimes: WeeklyWindow[];
  latent: LatentPerformance;
}

/** Whole days away, inclusive, as ISO dates (YYYY-MM-DD) on the mentor's own calendar. */
export interface LeavePeriod {
  start: string;
  end: string;
}

export type ResponsivenessProfile = 'prompt' | 'typical' | 'slow';

export interface DemoMentor {
  mentorId: string;
  title: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  programs: ProgramCode[];
  expertiseCourseCodes: string[];
  /** Most open cases at once. */
  capacity: number;
  timeZone: string;
  weeklyAvailability: WeeklyWindow[];
  leave: LeavePeriod[];
  active: boolean;
  responsiveness: { profile: ResponsivenessProfile; medianHoursToAccept: number };
}

export type FeedChannel = 'rest' | 'kafka' | 'oneroster';

export interface DemoAssessment {
  assessmentId: string;
  title: string;
  assessmentType: AssessmentType;
  maxScore: number;
  /** When it was sat (ISO date-time). */
  heldAt: string;
  /** When the marks went to the registrar; results are graded within a few hours after. */
  releasedAt: string;
  /** Every result of one assessment travels through one channel, so a OneRoster export has whole line items. */
  channel: FeedChannel;
}

export interface DemoCourse {
  courseCode: string;
  title: string;
  program: ProgramCode;
  yearOfStudy: number;
  assessments: DemoAssessment[];
}

// The gradebook category and its weight are optional in the contract and the demo's feed has none.
type GradebookCategory = 'category' | 'categoryWeight';
/** A submission as the generator writes it: every field of the contract filled, except the gradebook category. */
export type GradeSubmission = OneObject<Required<Omit<GradeSubmissionV1, GradebookCategory>> & Pick<GradeSubmissionV1, GradebookCategory>>;
// One object type rather than an intersection, so a check of one field narrows it in a union.
type OneObject<T> = { [Field in keyof T]: T[Field] };
export type GradeField = keyof GradeSubmission;

/** A submission broken on purpose: a field may be missing or hold a value the contract refuses. */
export type MalformedSubmission = Omit<GradeSubmission, 'studentId' | 'assessmentType'> & {
  studentId?: string;
  assessmentType: string;
};

export type MalformedDefect =
  | 'score-above-max'
  | 'unknown-program'
  | 'missing-student-id'
  | 'graded-in-future'
  | 'unknown-assessment-type';

interface FeedEntry {
  channel: FeedChannel;
  /** When the registrar system sends it; the feed is ordered by this. */
  sentAt: string;
}

/** `original`: first submission; `duplicate`: an exact resend; `amendment`: same sourceRecordId and channel, corrected score. */
export interface ValidFeedRecord extends FeedEntry {
  kind: 'original' | 'duplicate' | 'amendment';
  record: GradeSubmission;
}

export interface MalformedFeedRecord extends FeedEntry {
  kind: 'malformed';
  record: MalformedSubmission;
  defect: MalformedDefect;
  /** Fields a validator must name when it rejects the record. */
  expectedProblemFields: GradeField[];
  /** Who can tell: the contract alone, or only the service (it knows the programmes and the clock). */
  detectedBy: 'contract' | 'service';
}

export type FeedRecord = ValidFeedRecord | MalformedFeedRecord;
export type FeedKind = FeedRecord['kind'];

export interface CohortSettings {
  seed: number;
  students: number;
  mentors: number;
  /** ISO date (YYYY-MM-DD). */
  termStart: string;
  /** ISO date-time. */
  now: string;
}

export interface Cohort {
  settings: CohortSettings;
  students: DemoStudent[];
  mentors: DemoMentor[];
  courses: DemoCourse[];
  feed: FeedRecord[];
}
