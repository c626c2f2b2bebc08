import {
  availabilityFacts,
  AvailabilityFacts,
  mentorFreeTime,
  MentorAvailability,
  StudentPreferences,
  studentPreferredTime,
  studentWakingTime,
} from './availability';
import { ScoreMatrix } from './assignment';
import { checkEligibility, EligibilityVerdict, MentorForEligibility } from './eligibility';
import { ResponsivenessSummary } from '../../mentors/domain/responsiveness';
import { CandidateFacts, CandidateScore, scoreCandidate, ScoringPolicy } from './scoring';
import { proposeSlots, SlotProposal } from './slot-proposal';
import { horizonFrom, isOnLeave, UtcInterval } from '../../shared/time';

export interface MentorProfile extends MentorForEligibility {
  readonly availability: MentorAvailability;
  readonly expertise: readonly string[];
  readonly responsiveness: ResponsivenessSummary;
}

export interface StudentProfile {
  readonly studentId: string;
  readonly program: string;
  readonly preferences: StudentPreferences;
  readonly currentMentorId: string | null;
  readonly excludedMentorIds: readonly string[];
  readonly weakCourses: readonly string[];
}

export interface MatchRequest {
  readonly caseId: string;
  readonly student: StudentProfile;
  /** Mentors who declined this case or let its SLA expire. */
  readonly mentorsWhoLeftThisCase: readonly string[];
}

/** A mentor's time worked out once per matching run, since every case of a burst needs it. */
export interface PreparedMentor {
  readonly profile: MentorProfile;
  readonly freeTime: readonly UtcInterval[];
  readonly onLeaveNow: boolean;
}

export interface MatchingOptions {
  readonly now: Date;
  readonly meetingMinutes?: number;
  readonly minLeadHours?: number;
  readonly horizonDays?: number;
  readonly policy?: ScoringPolicy;
}

export interface CandidateEvaluation {
  readonly mentorId: string;
  readonly eligibility: EligibilityVerdict;
  readonly facts: AvailabilityFacts;
  /** Null when the mentor is not eligible. */
  readonly score: CandidateScore | null;
}

export const DEFAULT_MATCHING_OPTIONS = { meetingMinutes: 30, minLeadHours: 24, horizonDays: 14 } as const;

export function prepareMentors(mentors: readonly MentorProfile[], options: MatchingOptions): PreparedMentor[] {
  const range = matchingHorizon(options);
  return mentors.map((profile) => ({
    profile,
    freeTime: mentorFreeTime(profile.availability, range),
    onLeaveNow: isOnLeave(profile.availability, options.now),
  }));
}

/** Eligibility, availability and score of every mentor for one case: the matcher's and the coordinator's view. */
export function evaluateCandidates(
  request: MatchRequest,
  mentors: readonly PreparedMentor[],
  options: MatchingOptions,
): CandidateEvaluation[] {
  const preferred = studentPreferredTime(request.student.preferences, matchingHorizon(options));
  return mentors.map(({ profile, freeTime, onLeaveNow }) => {
    const facts = availabilityFacts(freeTime, preferred, {
      now: options.now,
      meetingMinutes: options.meetingMinutes ?? DEFAULT_MATCHING_OPTIONS.meetingMinutes,
      minLeadHours: options.minLeadHours ?? DEFAULT_MATCHING_OPTIONS.minLeadHours,
    });
    const eligibility = checkEligibility({
      mentor: profile,
      onLeaveNow,
      student: request.student,
      mentorsWhoLeftThisCase: request.mentorsWhoLeftThisCase,
      bookableFreeMinutesNext14Days: facts.bookableFreeMinutesNext14Days,
    });
    const score = eligibility.eligible ? scoreCandidate(candidateFacts(request.student, profile, facts), options.policy) : null;
    return { mentorId: profile.mentorId, eligibility, facts, score };
  });
}

function candidateFacts(student: StudentProfile, mentor: MentorProfile, facts: AvailabilityFacts): CandidateFacts {
  return {
    isCurrentMentor: student.currentMentorId === mentor.mentorId,
    availability: facts,
    openCases: mentor.openCases,
    maxOpenCases: mentor.maxOpenCases,
    responsiveness: mentor.responsiveness,
    expertise: mentor.expertise,
    weakCourses: student.weakCourses,
  };
}

/** The input of assignJointly: the total score of each eligible (case, mentor) pair. */
export function toScoreMatrix(evaluations: ReadonlyMap<string, readonly CandidateEvaluation[]>): ScoreMatrix {
  const matrix = new Map<string, Map<string, number>>();
  for (const [caseId, candidates] of evaluations) {
    const row = new Map<string, number>();
    for (const candidate of candidates) if (candidate.score) row.set(candidate.mentorId, candidate.score.total);
    matrix.set(caseId, row);
  }
  return matrix;
}

/**
 * Meeting slots with the chosen mentor, spread over the student's calendar days. Pass the
 * mentor's free time minus slots already offered to other cases of the same run, so two
 * students are not offered the same half-hour.
 */
export function proposeSlotsFor(
  student: StudentProfile,
  mentorFree: readonly UtcInterval[],
  options: MatchingOptions & { readonly count?: number },
): SlotProposal {
  const range = matchingHorizon(options);
  return proposeSlots(mentorFree, studentPreferredTime(student.preferences, range), {
    now: options.now,
    count: options.count,
    minutes: options.meetingMinutes,
    minLeadHours: options.minLeadHours ?? DEFAULT_MATCHING_OPTIONS.minLeadHours,
    horizonDays: options.horizonDays,
    dayZone: student.preferences.timeZone,
    studentWaking: studentWakingTime(student.preferences, range),
  });
}

function matchingHorizon(options: MatchingOptions): UtcInterval {
  return horizonFrom(options.now, options.horizonDays ?? DEFAULT_MATCHING_OPTIONS.horizonDays);
}
