import { activeLock } from './sign-in-lock';

const NOW = new Date('2025-03-10T09:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('activeLock', () => {
  it('leaves an account that was never locked open', () => {
    expect(activeLock(null, NOW)).toBeUndefined();
  });

  it('opens the account the moment the lock ends', () => {
    expect(activeLock(NOW, NOW)).toBeUndefined();
    expect(activeLock(later(-1), NOW)).toBeUndefined();
  });

  it('rounds the wait up to whole minutes', () => {
    expect(activeLock(later(15 * 60_000), NOW)).toEqual({ minutesLeft: 15 });
    expect(activeLock(later(14 * 60_000 + 1), NOW)).toEqual({ minutesLeft: 15 });
    expect(activeLock(later(1), NOW)).toEqual({ minutesLeft: 1 });
  });
});
