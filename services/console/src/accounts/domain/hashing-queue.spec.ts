import { HashingBusyError, HashingQueue } from './hashing-queue';

/** A task that stays running until released, recording when it started. */
function gatedTask(started: string[], name: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    started.push(name);
    await gate;
    return name;
  };
  return { task, release: () => release() };
}

describe('HashingQueue', () => {
  it('runs at most `concurrency` tasks at once and the waiting ones in arrival order', async () => {
    const queue = new HashingQueue({ concurrency: 2, maxWaiting: 2 });
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => gatedTask(started, name));

    const results = [a, b, c, d].map((gated) => queue.run(gated.task));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect([queue.active, queue.queued]).toEqual([2, 2]);

    b.release();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'c']);

    a.release();
    c.release();
    d.release();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect([queue.active, queue.queued]).toEqual([0, 0]);
  });

  it('refuses a task without running it when every slot and waiting place is taken', async () => {
    const queue = new HashingQueue({ concurrency: 1, maxWaiting: 1 });
    const started: string[] = [];
    const running = gatedTask(started, 'running');
    const waiting = gatedTask(started, 'waiting');
    const excess = jest.fn(async () => 'excess');

    const first = queue.run(running.task);
    const second = queue.run(waiting.task);
    await expect(queue.run(excess)).rejects.toBeInstanceOf(HashingBusyError);
    expect(excess).not.toHaveBeenCalled();

    running.release();
    waiting.release();
    await Promise.all([first, second]);
    await expect(queue.run(excess)).resolves.toBe('excess');
  });

  it('frees the slot of a task that failed', async () => {
    const queue = new HashingQueue({ concurrency: 1, maxWaiting: 0 });

    await expect(queue.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
    expect(queue.active).toBe(0);
  });

  it('refuses limits that would never run anything', () => {
    expect(() => new HashingQueue({ concurrency: 0, maxWaiting: 1 })).toThrow(RangeError);
    expect(() => new HashingQueue({ concurrency: 1, maxWaiting: -1 })).toThrow(RangeError);
  });
});
