import { Module } from '@nestjs/common';
import { EngagementService } from './engagement.service';

/** What mentoring tells scoring: caseloads, sessions attended or missed, cases declined by students. */
@Module({
  providers: [EngagementService],
  exports: [EngagementService],
})
export class EngagementModule {}
