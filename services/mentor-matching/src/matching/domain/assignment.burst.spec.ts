import { assignJointly } from './assignment';
import { assignGreedily } from './testing/first-come-first-served';
import {
  CandidateEvaluation,
  evaluateCandidates,
  MatchRequest,
  MentorProfile,
  prepareMentors,
  StudentProfile,
  toScoreMatrix,
} from './candidate-evaluation';
import { WeeklyWindow } from '../../shared/time';

/** A small seeded generator, so the burst is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROGRAMS = ['MBBS', 'MD', 'BBMS', 'HDPCS'];
const ZONES = ['Asia/Dubai', 'Europe/London', 'America/New_York', 'Asia/Kolkata'];
const COURSES = ['ANAT101', 'PHYS102', 'BIOC103', 'PATH201', 'PHAR202', 'MICR203', 'CLIN301', 'SURG302'];
const now = new Date('2025-10-20T08:00:00Z'); // exam results land; London changes clocks within the horizon

function burst(seed: number, studentCount: number, mentorCount: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], count: number) => [...items].sort(() => random() - 0.5).slice(0, count);
  const windows = (count: number, hours: number): WeeklyWindow[] =>
    Array.from({ length: count }, () => {
      const startHour = 8 + Math.floor(random() * 10);
      return { weekday: 1 + Math.floor(random() * 7), start: `${String(startHour).padStart(2, '0')}:00`, end: `${String(startHour + hours).padStart(2, '0')}:00` };
    });

  const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, j) => {
    const maxOpenCases = 3 + Math.floor(random() * 4);
    return {
      mentorId: `mentor-${j}`,
      active: random() > 0.05,
      programs: some(PROGRAMS, 1 + Math.floor(random() * 2)),
      maxOpenCases,
      openCases: Math.floor(random() * maxOpenCases),
      availability: {
        timeZone: pick(ZONES),
        weekly: windows(1 + Math.floor(random() * 3), 1 + Math.floor(random() * 2)),
        blocks: [],
        leave: random() < 0.1 ? [{ firstDay: '2025-10-27', lastDay: '2025-10-31' }] : [],
        bookedMeetings: [],
      },
      expertise: some(COURSES, 2),
      responsiveness: { offers: Math.floor(random() * 20), medianHoursToAccept: random() * 48, declineRate: random() * 0.3, expiryRate: random() * 0.2 },
    };
  });

  const requests: MatchRequest[] = Array.from({ length: studentCount }, (_, i) => {
    const student: StudentProfile = {
      studentId: `student-${i}`,
      program: pick(PROGRAMS),
      preferences: { timeZone: pick(ZONES), weekly: random() < 0.15 ? [] : windows(2, 2) },
      currentMentorId: random() < 0.2 ? pick(mentors).mentorId : null,
      excludedMentorIds: random() < 0.05 ? [pick(mentors).mentorId] : [],
      weakCourses: some(COURSES, 2),
    };
    return { caseId: `case-${i}`, student, mentorsWhoLeftThisCase: [] };
  });
  return { mentors, requests };
}

describe('a burst of 300 flagged students with scarce mentor availability', () => {
  const { mentors, requests } = burst(7, 300, 60);
  const prepared = prepareMentors(mentors, { now });
  const evaluations = new Map<string, CandidateEvaluation[]>(
    requests.map((request) => [request.caseId, evaluateCandidates(request, prepared, { now })]),
  );
  const scores = toScoreMatrix(evaluations);
  const capacities = mentors.map((mentor) => ({ mentorId: mentor.mentorId, remainingCapacity: mentor.maxOpenCases - mentor.openCases }));
  const caseIds = requests.map((request) => request.caseId);
  const joint = assignJointly(caseIds, capacities, scores);
  const greedy = assignGreedily(caseIds, capacities, scores);

  it('is a burst where capacity is scarce', () => {
    const seats = capacities.reduce((sum, mentor) => sum + mentor.remainingCapacity, 0);
    expect(seats).toBeLessThan(caseIds.length);
  });

  it('assigns jointly for a better total than first-come-first-served, with at least as many students placed', () => {
    expect(joint.assignments.length).toBeGreaterThanOrEqual(greedy.assignments.length);
    expect(joint.totalScore).toBeGreaterThan(greedy.totalScore);
  });

  it('never exceeds a mentor’s capacity', () => {
    for (const mentor of mentors) {
      const newCases = joint.assignments.filter((assignment) => assignment.mentorId === mentor.mentorId).length;
      expect(mentor.openCases + newCases).toBeLessThanOrEqual(mentor.maxOpenCases);
    }
  });

  it('assigns only eligible mentors', () => {
    for (const { caseId, mentorId } of joint.assignments) {
      const candidate = evaluations.get(caseId)?.find((evaluation) => evaluation.mentorId === mentorId);
      expect(candidate?.eligibility.eligible).toBe(true);
    }
  });

  it('leaves every case either assigned or waitlisted, exactly once', () => {
    const placed = [...joint.assignments.map((a) => a.caseId), ...joint.waitlisted.map((w) => w.caseId)];
    expect(placed.sort()).toEqual([...caseIds].sort());
    expect(joint.waitlisted.length).toBeGreaterThan(0);
  });
});
