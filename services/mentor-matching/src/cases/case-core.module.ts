import { Module } from '@nestjs/common';
import { CaseQueue } from '../matching/case-queue';
import { CaseStore } from './case-store';

/** Case persistence and the matching queue, shared by the API, the matcher and the timers. */
@Module({
  providers: [CaseStore, CaseQueue],
  exports: [CaseStore, CaseQueue],
})
export class CaseCoreModule {}
