import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases';
import { MentorsCoreModule } from '../mentors';
import { OutcomesReportService } from './outcomes-report.service';
import { ReportsController } from './reports.controller';

/** Coordinators' reports over cases: the outcomes report. */
@Module({
  imports: [CaseCoreModule, MentorsCoreModule],
  controllers: [ReportsController],
  providers: [OutcomesReportService],
})
export class ReportsModule {}
