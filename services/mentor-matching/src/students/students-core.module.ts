import { Module } from '@nestjs/common';
import { StudentContinuity, StudentDirectory } from './students.port';

/** What other features may use of students: the directory and continuity. */
@Module({
  providers: [StudentDirectory, StudentContinuity],
  exports: [StudentDirectory, StudentContinuity],
})
export class StudentsCoreModule {}
