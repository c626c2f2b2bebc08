import { Module } from '@nestjs/common';
import { StandingsModule } from '../standings/standings.module';
import { CaseEventHandlers } from './case-event.handlers';
import { EngagementService } from './engagement.service';

/** mentoring.case-events.v1 in: caseloads, sessions attended or missed, cases declined by students. */
@Module({
  imports: [StandingsModule],
  controllers: [CaseEventHandlers],
  providers: [EngagementService],
})
export class EngagementModule {}
