import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages';
import { RecipientsModule } from '../recipients';
import { DirectoryUpdatedHandler } from './directory-updated.handler';
import { DirectorySyncService } from './directory-sync.service';

/** students.directory-updated.v1 in: names and addresses for the recipient directory, waiting emails released. */
@Module({
  imports: [RecipientsModule, MessagesModule],
  controllers: [DirectoryUpdatedHandler],
  providers: [DirectorySyncService],
})
export class DirectorySyncModule {}
