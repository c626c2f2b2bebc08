// What other features may use of engagement: the module with its service, and the reads of its tables.
export { EngagementModule } from './engagement.module';
export { EngagementService, HANDLED_CASE_EVENT_KINDS } from './engagement.service';
export type { HandledCaseEventKind } from './engagement.service';
export { listEngagementSignals, loadConsecutiveMissedSessions, mentorHoldsStudent } from './infrastructure/engagement.store';
export type { EngagementSignalEntity as EngagementSignal } from './infrastructure/engagement-signal.entity';
