import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { platformModules } from '@mentoring/platform';
import { RiskScoringConfig } from './config/risk-scoring.config';
import { EngagementModule } from './engagement';
import { CreateEngagement1733100000200 } from './engagement/infrastructure/1733100000200-create-engagement';
import { CaseAssignmentEntity } from './engagement/infrastructure/case-assignment.entity';
import { EngagementSignalEntity } from './engagement/infrastructure/engagement-signal.entity';
import { CreateStudentGrades1733100000100 } from './grades/infrastructure/1733100000100-create-student-grades';
import { AddStudentGradeCategories1764800000100 } from './grades/infrastructure/1764800000100-add-student-grade-categories';
import { StudentGradeEntity } from './grades/infrastructure/student-grade.entity';
import { CreatePolicies1733100000300 } from './policies/infrastructure/1733100000300-create-policies';
import { RescoreJobEntity } from './policies/infrastructure/rescore-job.entity';
import { RiskPolicyEntity } from './policies/infrastructure/risk-policy.entity';
import { PoliciesModule } from './policies';
import { RescoringModule } from './rescoring/rescoring.module';
import { CreateStandings1733100000000 } from './standings/infrastructure/1733100000000-create-standings';
import { IndexStandingChangesByTime1733100000400 } from './standings/infrastructure/1733100000400-index-standing-changes-by-time';
import { StandingChangeEntity } from './standings/infrastructure/standing-change.entity';
import { StandingEntity } from './standings/infrastructure/standing.entity';
import { StudentEntity } from './standings/infrastructure/student.entity';
import { SERVICE_NAME } from './standings/risk-assessed-event';
import { StandingsModule } from './standings/standings.module';

@Module({})
export class AppModule {
  static register(config: RiskScoringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...platformModules(config, {
          serviceName: SERVICE_NAME,
          // Namespaced like the topics, so pipelines sharing a broker (test suites) never share a group.
          producesTo: [TOPICS.riskAssessed],
          entities: [
            StudentEntity,
            StandingEntity,
            StandingChangeEntity,
            StudentGradeEntity,
            EngagementSignalEntity,
            CaseAssignmentEntity,
            RiskPolicyEntity,
            RescoreJobEntity,
          ],
          migrations: [
            CreateStandings1733100000000,
            CreateStudentGrades1733100000100,
            CreateEngagement1733100000200,
            CreatePolicies1733100000300,
            IndexStandingChangesByTime1733100000400,
            AddStudentGradeCategories1764800000100,
          ],
        }),
        PoliciesModule,
        StandingsModule,
        EngagementModule,
        RescoringModule,
      ],
    };
  }
}
