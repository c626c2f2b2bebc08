import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { Clock, platformModules } from '@mentoring/platform';
import { CaseCoreModule } from './cases/case-core.module';
import { CasesModule } from './cases/cases.module';
import { CaseHistoryEntity } from './cases/infrastructure/case-history.entity';
import { CaseOfferEntity } from './cases/infrastructure/case-offer.entity';
import { CaseSessionEntity } from './cases/infrastructure/case-session.entity';
import { CaseEntity } from './cases/infrastructure/case.entity';
import { CreateCases1733300000200 } from './cases/infrastructure/1733300000200-create-cases';
import { CaseMeetings1733300016202 } from './cases/infrastructure/1733300016202-case-meetings';
import { CaseFollowThrough1733300016300 } from './cases/infrastructure/1733300016300-case-follow-through';
import { CaseOpenedFor1733300019100 } from './cases/infrastructure/1733300019100-case-opened-for';
import { MentorMatchingConfig, SERVICE_NAME } from './config/mentor-matching.config';
import { MatchingModule } from './matching/matching.module';
import { CreateMentors1733300000000 } from './mentors/infrastructure/1733300000000-create-mentors';
import { MentorMeetingPlace1733300016201 } from './mentors/infrastructure/1733300016201-mentor-meeting-place';
import { MentorEntity } from './mentors/infrastructure/mentor.entity';
import { MentorsModule } from './mentors/mentors.module';
import { ReportsModule } from './reports/reports.module';
import { CreateStudents1733300000100 } from './students/infrastructure/1733300000100-create-students';
import { StudentDirectoryFields1733300018100 } from './students/infrastructure/1733300018100-student-directory-fields';
import { StudentEntity } from './students/infrastructure/student.entity';
import { StudentsModule } from './students/students.module';
import { CreateCaseTimers1733300000300 } from './timers/infrastructure/1733300000300-create-case-timers';
import { FollowThroughTimers1733300016301 } from './timers/infrastructure/1733300016301-follow-through-timers';
import { CaseTimerEntity } from './timers/infrastructure/case-timer.entity';
import { TimersModule } from './timers/timers.module';

export interface AppOptions {
  /** Tests pass a clock they can move, so SLA and cadence are tested without waiting. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register(config: MentorMatchingConfig, options: AppOptions = {}): DynamicModule {
    // Features are wired here, where every one is in view: each feature imports only those below it.
    const cases = CasesModule.register([MatchingModule]);
    return {
      module: AppModule,
      imports: [
        ...platformModules(config, {
          serviceName: SERVICE_NAME,
          producesTo: [TOPICS.mentoringCaseEvents, TOPICS.studentsDirectoryUpdated],
          entities: [MentorEntity, StudentEntity, CaseEntity, CaseHistoryEntity, CaseOfferEntity, CaseSessionEntity, CaseTimerEntity],
          migrations: [CreateMentors1733300000000, CreateStudents1733300000100, CreateCases1733300000200, CreateCaseTimers1733300000300, MentorMeetingPlace1733300016201, CaseMeetings1733300016202, StudentDirectoryFields1733300018100, CaseFollowThrough1733300016300, FollowThroughTimers1733300016301, CaseOpenedFor1733300019100],
          clock: options.clock,
        }),
        MentorsModule.register([CaseCoreModule]),
        StudentsModule,
        MatchingModule,
        cases,
        TimersModule.register([cases]),
        ReportsModule,
      ],
    };
  }
}
