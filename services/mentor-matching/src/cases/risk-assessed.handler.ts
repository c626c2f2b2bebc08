import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RISK_ASSESSED_V1, RiskAssessedV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { CaseIntakeService } from './case-intake.service';

@Controller()
export class RiskAssessedHandler {
  constructor(private readonly intake: CaseIntakeService) {}

  @EventPattern(RISK_ASSESSED_V1)
  handle(@Payload() assessment: RiskAssessedV1, @Ctx() { manager, envelope }: EventContext<RiskAssessedV1>): Promise<void> {
    return this.intake.onRiskAssessed(manager, assessment, envelope);
  }
}
