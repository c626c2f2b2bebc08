import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { FlagRatesReport } from './flag-rates.report';
import { FlagTrendReport } from './flag-trend.report';
import { ReportsController, StandingsController } from './standings.controller';
import { StandingsService } from './standings.service';
import { StudentRiskService } from './student-risk.service';

/** Per-student standings: assessment, history, the risk read model, the fairness report and the flag trend. */
@Module({
  imports: [PoliciesModule],
  controllers: [StandingsController, ReportsController],
  providers: [StandingsService, StudentRiskService, FlagRatesReport, FlagTrendReport],
  exports: [StandingsService],
})
export class StandingsModule {}
