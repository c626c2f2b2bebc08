import { commonVariables, MessageContext, planMessage, StudentMessageContext, studentVariables } from './message-building';
import type { PlannedMessage, Recipient } from './planned-message';

/** One message written in a case thread, as its notice needs it. */
export interface CaseThreadMessage {
  /** The thread message's id: its notice is sent once, whatever retries. */
  id: string;
  caseId: string;
  authorName: string;
  text: string;
}

/** The notice's key, so each thread message reaches the other side once. */
export function caseMessageNoticeId(messageId: string): string {
  return `case-message:${messageId}`;
}

/**
 * Tells the other side of a case thread that a message arrived, with the message itself: the
 * student is sent to their case page, the mentor to the case in the console. Replying to the
 * email reaches the thread (its Reply-To is the reader's signed reply address).
 */
export function planCaseMessageNotice(message: CaseThreadMessage, reader: Recipient, context: StudentMessageContext | MessageContext): PlannedMessage {
  const origin = { triggeringEventId: caseMessageNoticeId(message.id), caseId: message.caseId };
  if (reader.role === 'student' && 'wellbeingUrl' in context) {
    return planMessage(
      'student-case-message',
      reader,
      {
        ...studentVariables(reader, context),
        mentorName: message.authorName,
        messageText: message.text,
        threadUrl: context.linkFor('messages', { recipientId: reader.id, caseId: message.caseId }),
      },
      origin,
      context,
    );
  }
  return planMessage(
    'mentor-case-message',
    reader,
    {
      ...commonVariables(reader, context),
      studentName: message.authorName,
      messageText: message.text,
      caseUrl: context.linkFor('open-case', { recipientId: reader.id, caseId: message.caseId }),
    },
    origin,
    context,
  );
}
