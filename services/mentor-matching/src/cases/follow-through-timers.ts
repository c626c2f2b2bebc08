import { Inject, Injectable } from '@nestjs/common';
import { NUDGE_AUDIENCES, NUDGE_KINDS } from '@mentoring/contracts';
import { MetricsService } from '@mentoring/observability';
import { Counter } from 'prom-client';
import { EntityManager } from 'typeorm';
import { DueTimer } from '../timers';
import { CASE_POLICY } from './case-policy';
import type { CaseRecord } from './case-record';
import { ChangeOrigin, CaseUnitOfWork } from './case-unit-of-work';
import { bookedMeetingStart, CasePolicy, nudgeKindOfTimer, nudgeStalledPair, reminderLeadMinutes, remindOfMeeting } from './domain';

/** Nudges sent, by why and to whom: how often pairs stall, and where. */
@Injectable()
export class NudgeMetrics {
  readonly nudges: Counter<'kind' | 'audience'>;

  constructor(metrics: MetricsService) {
    this.nudges = metrics.createCounter('mentoring_nudges_total', 'Nudges sent to stalled pairs, by kind and audience', ['kind', 'audience']);
    // Every series exists from the start, so a rate over a quiet period reads 0 rather than nothing.
    for (const kind of NUDGE_KINDS) for (const audience of NUDGE_AUDIENCES) this.nudges.inc({ kind, audience }, 0);
  }
}

/**
 * What a meeting-reminder or nudge timer does when it fires, in the caller's transaction with the
 * case locked. What is due is decided by the domain from the case as it is now: a refused
 * transition means nothing to do.
 */
@Injectable()
export class FollowThroughTimers {
  constructor(
    private readonly work: CaseUnitOfWork,
    private readonly metrics: NudgeMetrics,
    @Inject(CASE_POLICY) private readonly policy: CasePolicy,
  ) {}

  async fire(manager: EntityManager, record: CaseRecord, timer: DueTimer, now: Date): Promise<void> {
    const origin = followThroughOrigin(record);
    if (timer.kind === 'meeting-reminder') {
      // The lead is counted back from the meeting as it is now: a moved meeting's old timer matches no configured lead.
      const start = bookedMeetingStart(record);
      const lead = start ? reminderLeadMinutes(start, timer.scheduledFor) : 0;
      await this.work.apply(manager, record, remindOfMeeting(record, lead, now, this.policy), origin);
      return;
    }
    const kind = nudgeKindOfTimer(timer.kind);
    if (!kind) throw new Error(`No follow-through for timer kind ${timer.kind}`);
    const nudged = nudgeStalledPair(record, kind, now, this.policy);
    await this.work.apply(manager, record, nudged, origin);
    for (const change of nudged.changes) if (change.kind === 'nudge-due') this.metrics.nudges.inc({ kind: change.nudge.kind, audience: change.nudge.audience });
  }
}

function followThroughOrigin(record: CaseRecord): ChangeOrigin {
  return { cause: { correlationId: record.correlationId }, actor: 'system:follow-through-timer' };
}
