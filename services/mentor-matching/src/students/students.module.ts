import { Module } from '@nestjs/common';
import { MentorsCoreModule } from '../mentors';
import { DirectoryUpdatedHandler } from './directory-updated.handler';
import { StudentsController } from './students.controller';
import { StudentsService } from './students.service';

@Module({
  imports: [MentorsCoreModule],
  controllers: [StudentsController, DirectoryUpdatedHandler],
  providers: [StudentsService],
})
export class StudentsModule {}
