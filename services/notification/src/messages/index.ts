// What other features may use of messages: the module, its services and the store's port.
export type { DigestKind } from './domain';
export { DeliveryJournal } from './delivery-journal';
export type { DeliveryRef, JournalEntry } from './delivery-journal';
export { EmailPlanner } from './email-planner';
export { MessageComposer } from './message-composer';
export { MessageRecorder } from './message-recorder';
export type { MessageOrigin } from './message-recorder';
export { MessagesModule } from './messages.module';
export { MessageStore } from './infrastructure/messages.store';
export type { ClaimedDeliveryRow, DigestGroupRow, HeldEmailRow, InboxRow } from './infrastructure/messages.store';
export type { DeliveryState, MessageEntity as Message } from './infrastructure/message.entity';
