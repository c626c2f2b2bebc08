import { Module } from '@nestjs/common';
import { CohortController } from './cohort.controller';
import { CoordinatorDeskService } from './coordinator-desk.service';
import { EscalationsController } from './escalations.controller';
import { OutcomesController } from './outcomes.controller';
import { PoliciesController } from './policies.controller';

/** Programme coordinators' pages: escalations and waitlist, reassignment, policies, cohort, outcomes. */
@Module({ controllers: [EscalationsController, PoliciesController, CohortController, OutcomesController], providers: [CoordinatorDeskService] })
export class CoordinatorModule {}
