import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { StudentsModule } from '../students/students.module';
import { CaseCoreModule } from './case-core.module';
import { CaseIntakeService } from './case-intake.service';
import { CaseloadController } from './caseload.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CoordinatorController } from './coordinator.controller';
import { CoordinatorService } from './coordinator.service';
import { RiskAssessedHandler } from './risk-assessed.handler';

@Module({
  imports: [CaseCoreModule, MatchingModule, StudentsModule],
  controllers: [CasesController, CaseloadController, CoordinatorController, RiskAssessedHandler],
  providers: [CasesService, CoordinatorService, CaseIntakeService],
})
export class CasesModule {}
