import { nextDailyDigestAt } from './daily-digest';

describe('nextDailyDigestAt', () => {
  it("is today's digest time when it is still ahead in the recipient's zone", () => {
    expect(nextDailyDigestAt(new Date('2026-10-13T02:00:00Z'), 'Asia/Dubai', '08:00')).toEqual(new Date('2026-10-13T04:00:00Z'));
  });

  it("is tomorrow's once today's has passed", () => {
    expect(nextDailyDigestAt(new Date('2026-10-13T04:00:00Z'), 'Asia/Dubai', '08:00')).toEqual(new Date('2026-10-14T04:00:00Z'));
  });

  it('rejects an unknown time zone', () => {
    expect(() => nextDailyDigestAt(new Date(), 'Mars/Olympus', '08:00')).toThrow('Unknown time zone');
  });
});
