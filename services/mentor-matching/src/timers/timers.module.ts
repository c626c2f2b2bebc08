import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases/case-core.module';
import { MatchingModule } from '../matching/matching.module';
import { SlaTimers } from './sla-timers.service';
import { TimerWorker } from './timer-worker';

@Module({
  imports: [CaseCoreModule, MatchingModule],
  providers: [SlaTimers, TimerWorker],
})
export class TimersModule {}
