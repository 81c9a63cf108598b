// withDeadline (src/reliability/deadline.ts): the work or a DeadlineError, and the
// deadline blames the work only for what it really kept waiting.
import { stat } from 'node:fs';
import { DeadlineError, withDeadline } from '../../src/reliability/deadline';

it('resolves with the work when it is in time', async () => {
  await expect(withDeadline(Promise.resolve('done'), 100, 'the work')).resolves.toBe('done');
});

it('rejects with a DeadlineError naming the wait when the work takes longer', async () => {
  const started = performance.now();
  const never = new Promise<never>(() => undefined);
  await expect(withDeadline(never, 50, 'the probe')).rejects.toThrow(new DeadlineError('the probe', 50));
  expect(performance.now() - started).toBeGreaterThanOrEqual(45);
});

it('passes a failure of the work on as it is', async () => {
  await expect(withDeadline(Promise.reject(new Error('refused')), 100, 'the work')).rejects.toThrow('refused');
});

it('counts a result that arrived in time while the event loop was busy past the deadline', async () => {
  // One round trip to libuv's thread pool: done within milliseconds, while this thread is kept busy.
  const work = new Promise<string>((resolve) => stat(__filename, () => resolve('read')));
  const waited = withDeadline(work, 20, 'the stat');
  const busyUntil = performance.now() + 300;
  while (performance.now() < busyUntil) {
    // The bot busy with other turns: the timer and the finished stat are both due when it is free.
  }
  await expect(waited).resolves.toBe('read');
});
