import { Module } from '@nestjs/common';
import { MentorCaseActivity, MentorsCoreModule } from '../mentors';
import { StudentsCoreModule } from '../students';
import { TimersCoreModule } from '../timers';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { CaseFacts } from './case-facts';
import { CaseMentorActivity } from './case-mentor-activity';
import { CASE_POLICY, casePolicyFrom } from './case-policy';
import { CaseQueue } from './case-queue';
import { CaseUnitOfWork } from './case-unit-of-work';

/** What other features may use of cases: the unit of work, the matching queue, the reads, the policy. */
@Module({
  imports: [MentorsCoreModule, StudentsCoreModule, TimersCoreModule],
  providers: [
    CaseUnitOfWork,
    CaseQueue,
    CaseFacts,
    { provide: MentorCaseActivity, useClass: CaseMentorActivity },
    { provide: CASE_POLICY, useFactory: casePolicyFrom, inject: [MentorMatchingConfig] },
  ],
  exports: [CaseUnitOfWork, CaseQueue, CaseFacts, MentorCaseActivity, CASE_POLICY],
})
export class CaseCoreModule {}
