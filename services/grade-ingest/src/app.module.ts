import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { platformModules } from '@mentoring/platform';
import { CreateCaseAssignments1732400002000 } from './caseloads/infrastructure/1732400002000-create-case-assignments';
import { CaseAssignmentEntity } from './caseloads/infrastructure/case-assignment.entity';
import { GradeIngestConfig, SERVICE_NAME } from './config/grade-ingest.config';
import { GradesModule } from './grades/grades.module';
import { CreateGrades1732400000000 } from './grades/infrastructure/1732400000000-create-grades';
import { AddGradeCategories1764800000000 } from './grades/infrastructure/1764800000000-add-grade-categories';
import { GradeEntity } from './grades/infrastructure/grade.entity';
import { ImportsModule } from './imports/imports.module';
import { CreateImports1732400001000 } from './imports/infrastructure/1732400001000-create-imports';
import { AddImportTraceparent1764900000000 } from './imports/infrastructure/1764900000000-add-import-traceparent';
import { ImportRejectionEntity } from './imports/infrastructure/import-rejection.entity';
import { ImportEntity } from './imports/infrastructure/import.entity';

@Module({})
export class AppModule {
  static register(config: GradeIngestConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...platformModules(config, {
          serviceName: SERVICE_NAME,
          producesTo: [TOPICS.gradesRecorded, TOPICS.studentsDirectoryUpdated],
          entities: [GradeEntity, ImportEntity, ImportRejectionEntity, CaseAssignmentEntity],
          migrations: [CreateGrades1732400000000, CreateImports1732400001000, CreateCaseAssignments1732400002000, AddGradeCategories1764800000000, AddImportTraceparent1764900000000],
        }),
        GradesModule,
        ImportsModule,
      ],
    };
  }
}
