import { destinationOf } from './link-destination';

const CASE = '7d3c0a52-3f0e-4d0b-9a49-3d1c2f9e6a10';

describe('where a link from a message leads', () => {
  it('opens the student’s page for their case actions, whoever is signed in on the device', () => {
    expect(destinationOf({ action: 'pick-slot', recipientId: 's-1', caseId: CASE, slotStart: '2026-12-01T09:00:00Z' })).toEqual({
      kind: 'student-case',
      caseId: CASE,
      focus: 'pick-slot',
      slotStart: '2026-12-01T09:00:00Z',
    });
    expect(destinationOf({ action: 'reschedule', recipientId: 's-1', caseId: CASE }, 'mentor')).toMatchObject({ kind: 'student-case', focus: 'more-times' });
    expect(destinationOf({ action: 'change-mentor', recipientId: 's-1', caseId: CASE })).toMatchObject({ focus: 'change-mentor' });
    expect(destinationOf({ action: 'messages', recipientId: 's-1', caseId: CASE })).toMatchObject({ kind: 'student-case', caseId: CASE, focus: 'messages' });
  });

  it('treats a case action without a case as unusable', () => {
    expect(destinationOf({ action: 'pick-slot', recipientId: 's-1' })).toEqual({ kind: 'unknown' });
  });

  it('opens preferences and the inbox for anyone the link names', () => {
    expect(destinationOf({ action: 'preferences', recipientId: 's-1' })).toEqual({ kind: 'preferences' });
    expect(destinationOf({ action: 'inbox', recipientId: 'm-1' }, 'mentor')).toEqual({ kind: 'inbox' });
  });

  it('sends staff links through sign-in, then to the case page, never acting on the click', () => {
    expect(destinationOf({ action: 'accept-case', recipientId: 'm-1', caseId: CASE })).toEqual({ kind: 'sign-in' });
    expect(destinationOf({ action: 'accept-case', recipientId: 'm-1', caseId: CASE }, 'mentor')).toEqual({ kind: 'redirect', location: `/mentor/cases/${CASE}#respond` });
    expect(destinationOf({ action: 'decline-case', recipientId: 'm-1', caseId: CASE }, 'mentor')).toEqual({ kind: 'redirect', location: `/mentor/cases/${CASE}#respond` });
    expect(destinationOf({ action: 'open-case', recipientId: 'm-1', caseId: CASE }, 'mentor')).toEqual({ kind: 'redirect', location: `/mentor/cases/${CASE}` });
    expect(destinationOf({ action: 'open-case', recipientId: 'c-1', caseId: CASE }, 'coordinator')).toEqual({ kind: 'redirect', location: `/coordinator/cases/${CASE}/reassign` });
    expect(destinationOf({ action: 'escalations', recipientId: 'c-1' }, 'coordinator')).toEqual({ kind: 'redirect', location: '/coordinator' });
  });

  it('does not guess at an action it does not know', () => {
    expect(destinationOf({ action: 'delete-everything', recipientId: 's-1', caseId: CASE }, 'mentor')).toEqual({ kind: 'unknown' });
  });
});
