import { Module } from '@nestjs/common';
import { MentorCapacity, MentorDirectory } from './mentors.port';

/** What other features may use of mentors: their capacity and the directory. */
@Module({
  providers: [MentorCapacity, MentorDirectory],
  exports: [MentorCapacity, MentorDirectory],
})
export class MentorsCoreModule {}
