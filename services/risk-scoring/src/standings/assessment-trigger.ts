import type { EventEnvelope } from '@mentoring/contracts';
import type { StandingTrigger } from './infrastructure/standing-change.entity';

/** What an assessment happens because of; recorded with every change it causes. */
export interface AssessmentTrigger {
  kind: StandingTrigger;
  /** The triggering event's id, or the re-score job's. */
  id: string;
  /** Who caused it: `feed:<feed>`, `mentor:<id>`, `coordinator:<id>`… */
  changedBy: string;
  /**
   * Places the assessment window: the triggering event's time, or the job's creation time, so
   * processing the same trigger again (a redelivery, a resumed job) decides the same way.
   */
  now: Date;
  correlationId: string;
  /** The event that caused the assessment, when there is one. */
  causeEventId: string | null;
}

/** A trigger for an assessment caused by a consumed event; correlation flows on from it. */
export function triggerFromEvent(kind: StandingTrigger, envelope: EventEnvelope, changedBy: string): AssessmentTrigger {
  return {
    kind,
    id: envelope.id,
    changedBy,
    now: new Date(envelope.time),
    correlationId: envelope.correlationId,
    causeEventId: envelope.id,
  };
}
