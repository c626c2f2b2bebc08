import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { StudentsService } from './students.service';

/** Names, email, identifiers, programme and year from the student directory (OneRoster imports and student imports). */
@Controller()
export class DirectoryUpdatedHandler {
  constructor(private readonly students: StudentsService) {}

  @EventPattern(STUDENT_DIRECTORY_UPDATED_V1)
  handle(@Payload() _update: StudentDirectoryUpdatedV1, @Ctx() { manager, envelope }: EventContext<StudentDirectoryUpdatedV1>): Promise<void> {
    return this.students.applyDirectoryUpdate(manager, envelope);
  }
}
