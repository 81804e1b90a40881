import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('never runs more tasks at once than its limit, in arrival order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5, 6].map(n =>
        semaphore.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          order.push(n);
          await new Promise(resolve => setTimeout(resolve, 10));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
    expect(semaphore.active).toBe(0);
  });

  it('frees the slot when a task fails, and drops waiters that abort', async () => {
    const semaphore = new Semaphore(1);
    await expect(
      semaphore.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    let release!: () => void;
    const holding = semaphore.run(
      () =>
        new Promise<void>(resolve => {
          release = resolve;
        }),
    );
    const controller = new AbortController();
    const waiting = semaphore.run(async () => 'never', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    release();
    await holding;
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
