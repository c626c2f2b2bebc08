import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, RiskAssessedV1 } from '@mentoring/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { StudentContinuity } from '../students/students.port';
import { CaseContext, CaseRecord } from './case-record';
import { ChangeOrigin, CaseUnitOfWork } from './case-unit-of-work';
import { closeCase, decideIntake, IntakePolicy, noteProgress, openCase } from './domain';
import { CaseEntity } from './infrastructure/case.entity';
import { hasAnyCase, lockOpenCaseOf } from './infrastructure/cases.store';

const IMPROVED_REASON = 'The student’s standing recovered before a mentor took the case on';

/** What a risk assessment means for a student's mentoring case. */
@Injectable()
export class CaseIntakeService {
  private readonly policy: IntakePolicy;

  constructor(
    private readonly store: CaseUnitOfWork,
    private readonly students: StudentContinuity,
    @Inject(CLOCK) private readonly clock: Clock,
    config: MentorMatchingConfig,
  ) {
    this.policy = { watchOpensCaseInPrograms: config.WATCH_OPENS_CASE_PROGRAMS };
  }

  async onRiskAssessed(manager: EntityManager, risk: RiskAssessedV1, envelope: EventEnvelope<RiskAssessedV1>): Promise<void> {
    // Case before student, the order every other transaction takes them in.
    const openCase = await lockOpenCaseOf(manager, risk.studentId);
    await this.students.ensureFromRisk(manager, risk);
    const origin: ChangeOrigin = { cause: { eventId: envelope.id, correlationId: envelope.correlationId }, actor: `system:${envelope.source}` };
    const action = decideIntake(
      {
        level: risk.level,
        previousLevel: risk.previousLevel,
        program: risk.program,
        openCaseStatus: openCase ? (openCase.status as Exclude<CaseEntity['status'], 'closed'>) : null,
        hasEarlierCase: openCase !== null || (await hasAnyCase(manager, risk.studentId)),
        cause: risk.cause,
        reasonCodes: risk.reasons.map((reason) => reason.code),
      },
      this.policy,
    );
    if (action === 'open-case') await this.open(manager, risk, envelope, origin);
    else if (openCase && action === 'close-improved') await this.closeImproved(manager, openCase, risk, origin);
    else if (openCase && action === 'note-progress') await this.noteProgress(manager, openCase, risk, origin);
    else if (openCase && action === 'update-open-case') await this.keepStanding(manager, openCase, risk, origin);
  }

  /** Opens the case and queues it: the matcher assigns it with whatever else arrives in the same burst. */
  private async open(manager: EntityManager, risk: RiskAssessedV1, envelope: EventEnvelope, origin: ChangeOrigin): Promise<void> {
    const opened = openCase({ id: randomUUID(), studentId: risk.studentId, flaggedAt: new Date(risk.assessedAt) }, this.clock.now());
    const context: CaseContext = { ...standingOf(risk), openedFor: 'risk-flag', studentNote: null, triggerEventId: envelope.id, correlationId: envelope.correlationId };
    await this.store.insertOpened(manager, { state: { ...opened.state, ...context }, changes: opened.changes }, origin);
  }

  private async closeImproved(manager: EntityManager, current: CaseRecord, risk: RiskAssessedV1, origin: ChangeOrigin): Promise<void> {
    const updated = { ...current, ...standingOf(risk) };
    await this.store.apply(manager, current, closeCase(updated, { outcome: 'improved', reason: IMPROVED_REASON, closedBy: 'system' }, this.clock.now()), origin);
  }

  private async noteProgress(manager: EntityManager, current: CaseRecord, risk: RiskAssessedV1, origin: ChangeOrigin): Promise<void> {
    await this.store.apply(manager, current, noteProgress({ ...current, ...standingOf(risk) }, this.clock.now()), origin);
  }

  /**
   * A new standing on a case in progress is kept for the mentor to see, without an event: the
   * contract has no kind for it, and the mentor decides what it means for the relationship.
   */
  private async keepStanding(manager: EntityManager, current: CaseRecord, risk: RiskAssessedV1, origin: ChangeOrigin): Promise<void> {
    await this.store.apply(manager, current, { state: { ...current, ...standingOf(risk) }, changes: [] }, origin);
    await this.store.recordQuietly(
      manager,
      current.id,
      { kind: 'standing-updated', occurredAt: this.clock.now(), details: { level: risk.level, previousLevel: risk.previousLevel, reasons: risk.reasons.map((reason) => reason.code) } },
      origin,
    );
  }
}

function standingOf(risk: RiskAssessedV1): Omit<CaseContext, 'openedFor' | 'studentNote' | 'triggerEventId' | 'correlationId'> {
  return {
    program: risk.program,
    yearOfStudy: risk.yearOfStudy,
    riskLevel: risk.level,
    riskReasons: risk.reasons.map((reason) => ({ ...reason })),
    weakCourses: [...risk.weakCourses],
  };
}
