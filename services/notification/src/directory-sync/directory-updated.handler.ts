import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { DirectorySyncService } from './directory-sync.service';

/** Names, preferred names, emails and identifiers from the student directory (OneRoster imports and student imports). */
@Controller()
export class DirectoryUpdatedHandler {
  constructor(private readonly sync: DirectorySyncService) {}

  @EventPattern(STUDENT_DIRECTORY_UPDATED_V1)
  handle(@Payload() _update: StudentDirectoryUpdatedV1, @Ctx() { manager, data }: EventContext<StudentDirectoryUpdatedV1>): Promise<void> {
    return this.sync.apply(manager, data);
  }
}
