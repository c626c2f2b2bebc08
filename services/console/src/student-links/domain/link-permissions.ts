/** What a student can do on the pages a link opens. */
export type LinkOperation =
  | 'view-case'
  | 'book-slot'
  | 'ask-for-other-times'
  | 'request-another-mentor'
  | 'view-preferences'
  | 'save-preferences'
  | 'switch-off-links'
  | 'view-inbox'
  | 'write-message'
  | 'ask-for-a-mentor';

const BOOKING: readonly LinkOperation[] = ['view-case', 'book-slot', 'ask-for-other-times'];

/**
 * Each link does what it was sent for and no more: a "pick this time" link books a time but cannot
 * ask for another mentor, a "change mentor" link cannot book, and only the preferences link (in
 * every message's footer) can turn email off or switch the student's links off. Only the link of a
 * mentor's message writes to the mentor; every case page shows the thread.
 */
const OPERATIONS_OF_ACTION: Readonly<Record<string, readonly LinkOperation[]>> = {
  'pick-slot': BOOKING,
  'more-times': BOOKING,
  reschedule: BOOKING,
  'change-mentor': ['view-case', 'request-another-mentor'],
  // The footer links of every message: any student can ask for a mentor from them ("talk to someone").
  preferences: ['view-preferences', 'save-preferences', 'switch-off-links', 'ask-for-a-mentor'],
  inbox: ['view-inbox', 'ask-for-a-mentor'],
  // A case-thread notice's link: read the thread and answer the mentor.
  messages: ['view-case', 'write-message'],
};

/**
 * Operations a link may do once: a second booking or a second request from the same link is
 * refused, so a forwarded or leaked email cannot repeat them. Preferences stay editable: a student
 * who turned email off must be able to turn it back on.
 */
const ONE_TIME: ReadonlySet<LinkOperation> = new Set(['book-slot', 'request-another-mentor']);

/** Whether a link issued for `action` may do `operation`. */
export function permits(action: string, operation: LinkOperation): boolean {
  // Own keys only: an action such as "__proto__" must not reach Object.prototype.
  return Object.hasOwn(OPERATIONS_OF_ACTION, action) && OPERATIONS_OF_ACTION[action].includes(operation);
}

export function isOneTime(operation: LinkOperation): boolean {
  return ONE_TIME.has(operation);
}
