import { Injectable, Logger } from '@nestjs/common';
import { StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import { MessageRecorder } from '../messages';
import { RecipientDirectory } from '../recipients';

/**
 * Keeps the recipient directory in step with the student directory. An address arriving (or
 * corrected) for a student releases the emails that waited for one: the first message a student
 * without an address was sent goes out as soon as the SIS or a coordinator supplies it.
 */
@Injectable()
export class DirectorySyncService {
  private readonly logger = new Logger(DirectorySyncService.name);

  constructor(
    private readonly directory: RecipientDirectory,
    private readonly recorder: MessageRecorder,
  ) {}

  async apply(manager: EntityManager, update: StudentDirectoryUpdatedV1): Promise<void> {
    const change = await this.directory.applyDirectoryUpdate(manager, update);
    if (!change.addressArrived) return;
    const released = await this.recorder.releaseAwaitingAddress(manager, update.studentId);
    if (released > 0) this.logger.log({ recipientId: update.studentId, released }, 'an address arrived from the student directory; waiting emails planned again');
  }
}
