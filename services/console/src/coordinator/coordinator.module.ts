import { Module } from '@nestjs/common';
import { CohortController } from './cohort.controller';
import { CoordinatorDeskService } from './coordinator-desk.service';
import { EscalationsController } from './escalations.controller';
import { PoliciesController } from './policies.controller';

/** Programme coordinators' pages: escalations and waitlist, reassignment, policies, cohort. */
@Module({ controllers: [EscalationsController, PoliciesController, CohortController], providers: [CoordinatorDeskService] })
export class CoordinatorModule {}
