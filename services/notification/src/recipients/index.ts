// What other features may use of recipients: the module, its services and the access rules.
export { assertMayActForStudent, assertMaySeeMessage } from './coordinator-scope';
export { PreferencesService } from './preferences.service';
export { RECIPIENT_OR_OPS, RecipientAccess } from './recipient-access';
export { namesOf, RecipientDirectory, recipientOf } from './recipient-directory.service';
export type { DirectoryChange, KnownNames } from './recipient-directory.service';
export { RecipientsModule } from './recipients.module';
export type { RecipientEntity as RecipientRecord } from './infrastructure/recipient.entity';
