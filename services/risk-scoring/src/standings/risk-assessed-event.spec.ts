import { validatePayload, RiskAssessedV1 } from '@mentoring/contracts';
import { assess, summatives } from '../scoring/domain/testing/grade-builders';
import type { AssessmentTrigger } from './assessment-trigger';
import { riskAssessedEvent } from './risk-assessed-event';
import type { StudentAssessment } from './student-assessment';

const student = { studentId: 'S7', program: 'MBBS', yearOfStudy: 3 };
const assessedAt = new Date('2026-03-01T12:00:00Z');

function trigger(overrides: Partial<AssessmentTrigger> = {}): AssessmentTrigger {
  return { kind: 'grade-recorded', id: 'event-1', changedBy: 'feed:sis', now: assessedAt, correlationId: 'corr-1', causeEventId: 'event-1', ...overrides };
}

function firstAssessment(): StudentAssessment {
  const standing = assess(summatives(55, 52));
  return { student, previous: undefined, standing, changed: true };
}

describe('riskAssessedEvent', () => {
  it('publishes a valid risk.assessed.v1 keyed by the student, caused by the triggering event', () => {
    const event = riskAssessedEvent(firstAssessment(), 4, trigger(), assessedAt);

    expect(event).toMatchObject({ type: 'risk.assessed.v1', source: 'risk-scoring', subject: 'S7', correlationId: 'corr-1', causationId: 'event-1' });
    expect(event.data).toMatchObject({ level: 'urgent', previousLevel: 'ok', policyVersion: 4, yearOfStudy: 3, weakCourses: ['ANAT101'] });
    expect(validatePayload(RiskAssessedV1, event.data).ok).toBe(true);
  });

  it('carries the request correlation id of a re-score, which has no causing event', () => {
    const event = riskAssessedEvent(firstAssessment(), 2, trigger({ kind: 'policy-changed', causeEventId: null, correlationId: 'put-request' }), assessedAt);
    expect(event).toMatchObject({ correlationId: 'put-request', causationId: null });
  });

  it('says a mark caused a grade-triggered change, and a policy caused a re-score', () => {
    expect(riskAssessedEvent(firstAssessment(), 1, trigger({ kind: 'grade-amended' }), assessedAt).data.cause).toBe('grade');
    expect(riskAssessedEvent(firstAssessment(), 1, trigger({ kind: 'policy-changed', causeEventId: null }), assessedAt).data.cause).toBe('policy');
    expect(riskAssessedEvent(firstAssessment(), 1, trigger({ kind: 'rescore-requested', causeEventId: null }), assessedAt).data.cause).toBe('policy');
    expect(riskAssessedEvent(firstAssessment(), 1, trigger({ kind: 'session-logged' }), assessedAt).data.cause).toBe('engagement');
  });

  it('names the level the student leaves', () => {
    const assessment = { ...firstAssessment(), previous: { level: 'watch' as const, reasons: [] } };
    expect(riskAssessedEvent(assessment, 1, trigger(), assessedAt).data.previousLevel).toBe('watch');
  });
});
