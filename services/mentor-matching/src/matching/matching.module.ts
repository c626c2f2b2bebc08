import { Module } from '@nestjs/common';
import { CaseCoreModule, CaseMatching } from '../cases';
import { MentorsCoreModule } from '../mentors';
import { StudentsCoreModule } from '../students';
import { BurstMatcher } from './burst-matcher';
import { CoordinatorController } from './coordinator.controller';
import { CoordinatorService } from './coordinator.service';
import { MatchingData } from './matching-data';
import { MatchingMetrics } from './matching-metrics';
import { MatchingService } from './matching.service';
import { WaitlistRetry } from './waitlist-retry';

/** Assigning mentors; gives cases their CaseMatching port. */
@Module({
  imports: [CaseCoreModule, MentorsCoreModule, StudentsCoreModule],
  controllers: [CoordinatorController],
  providers: [MatchingData, MatchingMetrics, MatchingService, BurstMatcher, WaitlistRetry, CoordinatorService, { provide: CaseMatching, useExisting: MatchingService }],
  exports: [CaseMatching],
})
export class MatchingModule {}
