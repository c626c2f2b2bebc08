import { waitOf } from './sign-in-lock';

describe('waitOf', () => {
  it('leaves a limit with no time left open', () => {
    expect(waitOf(0)).toBeUndefined();
    expect(waitOf(-1)).toBeUndefined();
    expect(waitOf(Number.NaN)).toBeUndefined();
  });

  it('rounds the wait up to whole minutes for people and whole seconds for Retry-After', () => {
    expect(waitOf(15 * 60_000)).toEqual({ minutesLeft: 15, retryAfterSeconds: 900 });
    expect(waitOf(14 * 60_000 + 1)).toEqual({ minutesLeft: 15, retryAfterSeconds: 841 });
    expect(waitOf(1)).toEqual({ minutesLeft: 1, retryAfterSeconds: 1 });
  });
});
