import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { FlagRatesReport } from './flag-rates.report';
import { ReportsController, StandingsController } from './standings.controller';
import { StandingsService } from './standings.service';
import { StudentRiskService } from './student-risk.service';

/** Per-student standings: assessment, history, the risk read model and the fairness report. */
@Module({
  imports: [PoliciesModule],
  controllers: [StandingsController, ReportsController],
  providers: [StandingsService, StudentRiskService, FlagRatesReport],
  exports: [StandingsService],
})
export class StandingsModule {}
