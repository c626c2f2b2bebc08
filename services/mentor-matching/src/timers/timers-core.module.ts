import { Module } from '@nestjs/common';
import { CaseTimers } from './timers.port';

/** What other features may use of timers: scheduling one. */
@Module({
  providers: [CaseTimers],
  exports: [CaseTimers],
})
export class TimersCoreModule {}
