import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { MentorsCoreModule } from '../mentors';
import { StudentsCoreModule } from '../students';
import { DueTimerHandler, TimersCoreModule } from '../timers';
import { CaseCoreModule } from './case-core.module';
import { CaseIntakeService } from './case-intake.service';
import { CaseMeetings } from './case-meetings';
import { CaseloadController } from './caseload.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { RiskAssessedHandler } from './risk-assessed.handler';
import { SelfReferralController, SelfReferralService } from './self-referral';
import { FollowThroughBackfill } from './follow-through-backfill';
import { FollowThroughTimers, NudgeMetrics } from './follow-through-timers';
import { SlaTimers } from './sla-timers';

@Module({})
export class CasesModule {
  /**
   * `matching` provides CaseMatching: the composition root names it, so cases never import the
   * feature that builds on them. Exports the handler of due case timers.
   */
  static register(matching: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: CasesModule,
      imports: [CaseCoreModule, MentorsCoreModule, StudentsCoreModule, TimersCoreModule, ...matching],
      controllers: [CasesController, CaseloadController, RiskAssessedHandler, SelfReferralController],
      providers: [
        CasesService,
        CaseIntakeService,
        SelfReferralService,
        CaseMeetings,
        NudgeMetrics,
        FollowThroughTimers,
        FollowThroughBackfill,
        { provide: DueTimerHandler, useClass: SlaTimers },
      ],
      exports: [DueTimerHandler],
    };
  }
}
