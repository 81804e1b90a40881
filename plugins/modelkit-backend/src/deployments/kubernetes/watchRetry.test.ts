import { backoffDelayMs, formatDuration, sleep } from './watchRetry';

describe('watch retry policy', () => {
  it('backs off exponentially from 0.5 s to 30 s, with half of it random', () => {
    const bounds = (failures: number) => {
      const delays = Array.from({ length: 50 }, () => backoffDelayMs(failures));
      return [Math.min(...delays), Math.max(...delays)];
    };
    const [min1, max1] = bounds(1);
    expect(min1).toBeGreaterThanOrEqual(250);
    expect(max1).toBeLessThanOrEqual(500);
    const [min4, max4] = bounds(4);
    expect(min4).toBeGreaterThanOrEqual(2000);
    expect(max4).toBeLessThanOrEqual(4000);
    const [min20, max20] = bounds(20);
    expect(min20).toBeGreaterThanOrEqual(15_000);
    expect(max20).toBeLessThanOrEqual(30_000);
  });

  it('formats whole seconds as seconds', () => {
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(1500)).toBe('1500 ms');
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const waited = sleep(3_600_000, controller.signal);
    controller.abort();
    await expect(waited).resolves.toBeUndefined();
  });
});
