import { mailDomainOf } from '../messages/domain';
import type { TemplateName } from '../outreach/domain';
import { NotificationConfig } from '../config/notification.config';
import { replyAddressFor, ReplyTarget, verifyReplyAddress } from './domain';

/** The notices whose replies land in the case thread: only these carry a reply address. */
export const CASE_THREAD_TEMPLATES: readonly TemplateName[] = ['student-case-message', 'mentor-case-message'];

function replyDomainOf(config: NotificationConfig): string {
  return config.REPLY_DOMAIN ?? mailDomainOf(config.MAIL_FROM);
}

/** The signed address a thread notice to this recipient is answered at; null for any other message. */
export function replyAddressOfMessage(message: { template: string; caseId: string | null; recipientId: string }, config: NotificationConfig): string | null {
  if (!message.caseId || !CASE_THREAD_TEMPLATES.includes(message.template as TemplateName)) return null;
  return replyAddressFor({ caseId: message.caseId, personId: message.recipientId }, config.REPLY_SECRET, replyDomainOf(config));
}

/** The case and person a reply address was signed for; null when it is not one of ours. */
export function replyTargetOf(address: string, config: NotificationConfig): ReplyTarget | null {
  return verifyReplyAddress(address, config.REPLY_SECRET, replyDomainOf(config));
}
