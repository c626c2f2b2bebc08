// What other features may use of conversations: the module, the membership it keeps from case events, and reply addresses.
export { ConversationsModule } from './conversations.module';
export { ConversationsService } from './conversations.service';
export { InboundMailListener } from './inbound-mail.listener';
export { CASE_THREAD_TEMPLATES, replyAddressOfMessage } from './reply-addresses';
export { CreateConversations1796300018500 } from './infrastructure/1796300018500-create-conversations';
