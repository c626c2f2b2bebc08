import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases';
import { MentorsCoreModule } from '../mentors';
import { OutcomesReportService } from './outcomes-report.service';
import { ReportsController } from './reports.controller';
import { SloMetrics } from './slo-metrics';

/** Coordinators' reports over cases (the outcomes report) and the SLO gauges ops alert on. */
@Module({
  imports: [CaseCoreModule, MentorsCoreModule],
  controllers: [ReportsController],
  providers: [OutcomesReportService, SloMetrics],
})
export class ReportsModule {}
