import { Logger } from '@nestjs/common';
import { PollingLoop } from './polling-loop';

const quietLogger = { error: jest.fn() } as unknown as Logger;

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 1));
    check();
  });
}

describe('PollingLoop', () => {
  it('runs again at once while work is waiting, and never overlaps ticks', async () => {
    let running = 0;
    let overlapped = false;
    let ticks = 0;
    const loop = new PollingLoop('test', 60_000, async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      ticks += 1;
      return ticks < 5;
    }, quietLogger);
    loop.start();
    await until(() => ticks === 5);
    await loop.stop();
    expect(overlapped).toBe(false);
    expect(ticks).toBe(5);
  });

  it('keeps going after a failing tick, and stop() waits for the tick in flight', async () => {
    let ticks = 0;
    let finished = false;
    const loop = new PollingLoop('test', 1, async () => {
      ticks += 1;
      if (ticks === 1) throw new Error('database unavailable');
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished = true;
      return false;
    }, quietLogger);
    loop.start();
    await until(() => ticks === 2);
    await loop.stop();
    expect(finished).toBe(true);
    expect(quietLogger.error).toHaveBeenCalledTimes(1);
  });
});
