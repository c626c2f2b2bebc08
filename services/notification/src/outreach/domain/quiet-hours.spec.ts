import { OutreachError } from './outreach-errors';
import { deliverAt } from './quiet-hours';

const overnight = { timeZone: 'Asia/Dubai', quietHours: { start: '22:00', end: '07:30' } };

describe('deliverAt', () => {
  it.each([
    ['before quiet hours', '2026-10-12T17:59:00Z', '2026-10-12T17:59:00Z'],
    ['late evening, waits for tomorrow morning', '2026-10-12T18:00:00Z', '2026-10-13T03:30:00Z'],
    ['after midnight, waits for this morning', '2026-10-12T23:00:00Z', '2026-10-13T03:30:00Z'],
    ['at the end of quiet hours', '2026-10-13T03:30:00Z', '2026-10-13T03:30:00Z'],
  ])('%s (Dubai, 22:00-07:30)', (_, now, expected) => {
    expect(deliverAt(new Date(now), overnight).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('handles a window within one day', () => {
    const siesta = { timeZone: 'Europe/Madrid', quietHours: { start: '14:00', end: '16:00' } };
    expect(deliverAt(new Date('2026-06-01T12:30:00Z'), siesta).toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(deliverAt(new Date('2026-06-01T14:00:00Z'), siesta).toISOString()).toBe('2026-06-01T14:00:00.000Z');
  });

  it('keeps the wall-clock end across a daylight-saving change', () => {
    // London falls back on 25 October 2026: 07:00 local is 06:00 GMT the morning after BST ends.
    const london = { timeZone: 'Europe/London', quietHours: { start: '21:00', end: '07:00' } };
    expect(deliverAt(new Date('2026-10-24T21:30:00Z'), london).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('delivers at once without quiet hours, or with an empty window', () => {
    const now = new Date('2026-10-12T20:00:00Z');
    expect(deliverAt(now, { timeZone: 'UTC', quietHours: null })).toBe(now);
    expect(deliverAt(now, { timeZone: 'UTC', quietHours: { start: '20:00', end: '20:00' } })).toBe(now);
  });

  it('rejects a time zone or clock it cannot read', () => {
    const now = new Date('2026-10-12T20:00:00Z');
    expect(() => deliverAt(now, { timeZone: 'Mars/Olympus', quietHours: overnight.quietHours })).toThrow(OutreachError);
    expect(() => deliverAt(now, { timeZone: 'UTC', quietHours: { start: '10pm', end: '07:00' } })).toThrow(/HH:mm/);
  });
});
