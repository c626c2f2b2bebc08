import { Module } from '@nestjs/common';
import { PoliciesController, RescoreJobsController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PolicyStore, RescoreJobStore } from './infrastructure/policies.store';

/** Versioned risk policies per programme and the re-score jobs their changes queue. */
@Module({
  controllers: [PoliciesController, RescoreJobsController],
  providers: [PolicyStore, RescoreJobStore, PoliciesService],
  exports: [PolicyStore, RescoreJobStore],
})
export class PoliciesModule {}
