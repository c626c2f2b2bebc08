import type { PlannedMessage } from './planned-message';
import type { TemplateName } from './template-variables';

const MEETING_REMINDERS: readonly TemplateName[] = ['student-meeting-reminder', 'mentor-session-reminder'];

/**
 * The templates of this recipient's earlier messages about the same case whose email, if it has
 * not gone yet, this message makes wrong: a booking moved or called off (it carries a calendar
 * change) outdates the reminders of the meeting as it was.
 */
export function supersededTemplates(message: PlannedMessage): readonly TemplateName[] {
  return message.calendar && message.caseId ? MEETING_REMINDERS : [];
}
