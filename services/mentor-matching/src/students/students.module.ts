import { Module } from '@nestjs/common';
import { MentorsCoreModule } from '../mentors';
import { StudentsController } from './students.controller';
import { StudentsService } from './students.service';

@Module({
  imports: [MentorsCoreModule],
  controllers: [StudentsController],
  providers: [StudentsService],
})
export class StudentsModule {}
