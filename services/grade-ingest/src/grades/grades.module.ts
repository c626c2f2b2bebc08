import { Module } from '@nestjs/common';
import { CaseloadsModule } from '../caseloads';
import { GradeMetrics } from './grade-metrics';
import { GradeRecordingService } from './grade-recording.service';
import { GradeSubmissionService } from './grade-submission.service';
import { GradeSubmittedHandler, RegistrarRecordDecoder } from './grade-submitted.handler';
import { GradeValidator } from './grade-validator';
import { GradesController } from './grades.controller';
import { StudentGradesService } from './student-grades.service';

/** Grades in by REST and Kafka, recorded once per identity; a student's grades out. */
@Module({
  imports: [CaseloadsModule],
  controllers: [GradesController, GradeSubmittedHandler],
  providers: [
    GradeValidator,
    GradeMetrics,
    GradeRecordingService,
    GradeSubmissionService,
    RegistrarRecordDecoder,
    StudentGradesService,
  ],
  exports: [GradeValidator, GradeMetrics, GradeRecordingService],
})
export class GradesModule {}
