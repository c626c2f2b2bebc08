import { PollingLoop } from './polling-loop';

const HOUR_MS = 3_600_000;

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 1));
    check();
  });
}

describe('PollingLoop', () => {
  const quietLogger = () => ({ warn: jest.fn() });

  it('runs again at once while work is waiting, and never overlaps rounds', async () => {
    let running = 0;
    let overlapped = false;
    let rounds = 0;
    const loop = new PollingLoop('test', HOUR_MS, async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      rounds += 1;
      return rounds < 5;
    }, quietLogger());
    loop.start();
    await until(() => rounds === 5);
    await loop.stop();
    expect(overlapped).toBe(false);
    expect(rounds).toBe(5);
  });

  it('keeps going after a failing round, and stop() waits for the round in flight', async () => {
    const logger = quietLogger();
    let rounds = 0;
    let finished = false;
    const loop = new PollingLoop('test', 1, async () => {
      rounds += 1;
      if (rounds === 1) throw new Error('database unavailable');
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished = true;
      return false;
    }, logger);
    loop.start();
    await until(() => rounds === 2);
    await loop.stop();
    expect(finished).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('runs a round when woken instead of waiting out its interval', async () => {
    let rounds = 0;
    const loop = new PollingLoop('test', HOUR_MS, async () => {
      rounds += 1;
      return false;
    }, quietLogger());
    loop.start();
    await until(() => rounds === 1);
    loop.wake();
    await until(() => rounds === 2);
    await loop.stop();
    expect(rounds).toBe(2);
  });

  it('follows a round that was woken while it ran with one more round, not more', async () => {
    let rounds = 0;
    let release: () => void = () => undefined;
    const loop = new PollingLoop('test', HOUR_MS, async () => {
      rounds += 1;
      if (rounds === 1) await new Promise<void>((resolve) => (release = resolve));
      return false;
    }, quietLogger());
    loop.start();
    await until(() => rounds === 1);
    loop.wake();
    loop.wake();
    release();
    await until(() => rounds === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await loop.stop();
    expect(rounds).toBe(2);
  });

  it('does nothing when woken after stop()', async () => {
    const round = jest.fn(async () => false);
    const loop = new PollingLoop('test', HOUR_MS, round, quietLogger());
    loop.start();
    await until(() => round.mock.calls.length === 1);
    await loop.stop();
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(round).toHaveBeenCalledTimes(1);
  });
});
