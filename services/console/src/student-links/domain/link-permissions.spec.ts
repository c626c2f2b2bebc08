import { isOneTime, LinkOperation, permits } from './link-permissions';

const CASE_OPERATIONS: LinkOperation[] = ['view-case', 'book-slot', 'ask-for-other-times', 'request-another-mentor'];

function allowed(action: string): LinkOperation[] {
  const every: LinkOperation[] = [...CASE_OPERATIONS, 'view-preferences', 'save-preferences', 'switch-off-links', 'view-inbox', 'write-message'];
  return every.filter((operation) => permits(action, operation));
}

describe('what a link may do', () => {
  it('lets a pick-a-time link book and ask for other times, but not ask for another mentor', () => {
    expect(allowed('pick-slot')).toEqual(['view-case', 'book-slot', 'ask-for-other-times']);
    expect(allowed('more-times')).toEqual(['view-case', 'book-slot', 'ask-for-other-times']);
    expect(allowed('reschedule')).toEqual(['view-case', 'book-slot', 'ask-for-other-times']);
  });

  it("lets only a mentor's message link write to the mentor, and it books nothing", () => {
    expect(allowed('messages')).toEqual(['view-case', 'write-message']);
    for (const action of ['pick-slot', 'more-times', 'reschedule', 'change-mentor', 'preferences', 'inbox', 'open-case']) expect(permits(action, 'write-message')).toBe(false);
  });

  it('lets a change-mentor link ask for another mentor, and book nothing', () => {
    expect(allowed('change-mentor')).toEqual(['view-case', 'request-another-mentor']);
  });

  it('lets only the preferences link change how we keep in touch or switch links off', () => {
    expect(allowed('preferences')).toEqual(['view-preferences', 'save-preferences', 'switch-off-links']);
    for (const action of ['pick-slot', 'more-times', 'reschedule', 'change-mentor', 'inbox', 'accept-case', 'open-case']) {
      expect(permits(action, 'save-preferences')).toBe(false);
      expect(permits(action, 'switch-off-links')).toBe(false);
    }
  });

  it('lets an inbox link only read the inbox, and a staff or unknown link do nothing here', () => {
    expect(allowed('inbox')).toEqual(['view-inbox']);
    for (const action of ['accept-case', 'decline-case', 'open-case', 'escalations', 'anything', '__proto__', 'constructor']) expect(allowed(action)).toEqual([]);
  });

  it('lets the footer links of every message ask for a mentor, and no case link', () => {
    expect(permits('inbox', 'ask-for-a-mentor')).toBe(true);
    expect(permits('preferences', 'ask-for-a-mentor')).toBe(true);
    for (const action of ['pick-slot', 'more-times', 'reschedule', 'change-mentor', 'messages', 'accept-case', 'open-case', '__proto__']) {
      expect(permits(action, 'ask-for-a-mentor')).toBe(false);
    }
    expect(isOneTime('ask-for-a-mentor')).toBe(false);
  });

  it('counts booking and asking for another mentor as once per link', () => {
    expect(isOneTime('book-slot')).toBe(true);
    expect(isOneTime('request-another-mentor')).toBe(true);
    expect(isOneTime('ask-for-other-times')).toBe(false);
    expect(isOneTime('save-preferences')).toBe(false);
  });
});
