import type { EntityManager } from 'typeorm';
import { loadConsecutiveMissedSessions } from '../engagement';
import { loadGradeFacts } from '../grades';
import type { EngagementFacts, GradeFact, PreviousStanding } from '../scoring/domain';
import { loadPreviousStandings } from './infrastructure/standings.store';

/** Everything an assessment reads from storage for one student. */
export interface StoredStandingInput {
  grades: GradeFact[];
  engagement: EngagementFacts;
  previous: PreviousStanding | undefined;
}

/**
 * The stored inputs of each student, read in three queries however many students there are;
 * missed sessions count from `missedSessionsSince` (the academic year's start) on.
 */
export async function loadStandingInputs(
  manager: EntityManager,
  studentIds: readonly string[],
  missedSessionsSince: Date,
): Promise<(studentId: string) => StoredStandingInput> {
  // One after another: a transaction is one connection, which runs queries one at a time anyway.
  const grades = await loadGradeFacts(manager, studentIds);
  const missedSessions = await loadConsecutiveMissedSessions(manager, studentIds, missedSessionsSince);
  const previous = await loadPreviousStandings(manager, studentIds);
  return (studentId) => ({
    grades: grades.get(studentId) ?? [],
    engagement: { consecutiveMissedSessions: missedSessions.get(studentId) ?? 0 },
    previous: previous.get(studentId),
  });
}
