import { Module } from '@nestjs/common';
import { StandingsModule } from '../standings/standings.module';
import { GradeRecordedHandler } from './grade-recorded.handler';
import { GradesService } from './grades.service';

/** grades.recorded.v1 in: the current value of every grade, and a re-score of its student. */
@Module({
  imports: [StandingsModule],
  controllers: [GradeRecordedHandler],
  providers: [GradesService],
})
export class GradesModule {}
