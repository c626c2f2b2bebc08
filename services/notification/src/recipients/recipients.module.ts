import { Module } from '@nestjs/common';
import { RecipientsStore } from './infrastructure/recipients.store';
import { PreferencesService } from './preferences.service';
import { RecipientAccess } from './recipient-access';
import { RecipientDirectory } from './recipient-directory.service';
import { RecipientsController } from './recipients.controller';

/** Who receives messages and how they want them. */
@Module({
  controllers: [RecipientsController],
  providers: [RecipientsStore, RecipientDirectory, PreferencesService, RecipientAccess],
  exports: [RecipientDirectory, PreferencesService, RecipientAccess],
})
export class RecipientsModule {}
