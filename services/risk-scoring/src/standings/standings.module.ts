import { Module } from '@nestjs/common';
import { EngagementModule } from '../engagement';
import { PoliciesModule } from '../policies';
import { CaseEventHandlers } from './case-event.handlers';
import { FlagRatesReport } from './flag-rates.report';
import { FlagTrendReport } from './flag-trend.report';
import { GradeRecordedHandler } from './grade-recorded.handler';
import { ReportsController, StandingsController } from './standings.controller';
import { StandingsService } from './standings.service';
import { StudentRiskService } from './student-risk.service';

/** Per-student standings: assessment on grades and logged sessions, history, the risk read model, the fairness report and the flag trend. */
@Module({
  imports: [PoliciesModule, EngagementModule],
  controllers: [StandingsController, ReportsController, GradeRecordedHandler, CaseEventHandlers],
  providers: [StandingsService, StudentRiskService, FlagRatesReport, FlagTrendReport],
  exports: [StandingsService],
})
export class StandingsModule {}
