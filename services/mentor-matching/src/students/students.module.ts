import { Module } from '@nestjs/common';
import { MentorsCoreModule } from '../mentors/mentors-core.module';
import { StudentsController } from './students.controller';
import { StudentsService } from './students.service';

@Module({
  imports: [MentorsCoreModule],
  controllers: [StudentsController],
  providers: [StudentsService],
})
export class StudentsModule {}
