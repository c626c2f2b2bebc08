import { Injectable, OnModuleInit } from '@nestjs/common';
import { RISK_ASSESSED_V1, RiskAssessedV1, TOPICS } from '@mentoring/contracts';
import { EventHandler, HandlerContext, MessagingRuntime } from '@mentoring/messaging';
import { CaseIntakeService } from './case-intake.service';

@Injectable()
export class RiskAssessedHandler implements OnModuleInit, EventHandler<RiskAssessedV1> {
  readonly type = RISK_ASSESSED_V1;
  readonly payload = RiskAssessedV1;

  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly intake: CaseIntakeService,
  ) {}

  onModuleInit(): void {
    this.runtime.subscribe({ topic: TOPICS.riskAssessed, handlers: [this] });
  }

  handle(context: HandlerContext<RiskAssessedV1>): Promise<void> {
    return this.intake.onRiskAssessed(context.manager, context.data, context.envelope);
  }
}
