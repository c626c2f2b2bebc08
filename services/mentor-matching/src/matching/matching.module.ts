import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases/case-core.module';
import { BurstMatcher } from './burst-matcher';
import { MatchingData } from './matching-data';
import { MatchingMetrics } from './matching-metrics';
import { MatchingService } from './matching.service';
import { WaitlistRetry } from './waitlist-retry';

@Module({
  imports: [CaseCoreModule],
  providers: [MatchingData, MatchingMetrics, MatchingService, BurstMatcher, WaitlistRetry],
  exports: [MatchingService],
})
export class MatchingModule {}
