// What other features may use of grades: the module and the services it exports.
export type { RecordingOutcome } from './domain';
export { GradeMetrics } from './grade-metrics';
export { GradeRecordingService } from './grade-recording.service';
export { GradeValidator } from './grade-validator';
export { GradesModule } from './grades.module';
