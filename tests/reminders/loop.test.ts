// The reminder loop's timing: a tick that delivered is followed at once by
// another (a burst is not cut into one tick per interval), until a tick finds
// nothing; stop waits for the tick in flight.
import type { Logger } from '../../src/log';
import type { Dispatcher } from '../../src/reminders/dispatcher';
import { startReminderLoop } from '../../src/reminders/loop';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

it('ticks again at once while ticks deliver, then waits for the interval', async () => {
  const delivered = [200, 200, 37, 0];
  let ticks = 0;
  let finished!: () => void;
  const quietNow = new Promise<void>((resolve) => (finished = resolve));
  const dispatcher: Dispatcher = {
    async tick() {
      const n = delivered[ticks++] ?? 0;
      if (n === 0) finished();
      return { enqueued: 0, delivered: n };
    },
  };
  const started = Date.now();
  // An hour between ticks: all four must come from the re-ticks alone.
  const loop = startReminderLoop(dispatcher, { everyMs: 3_600_000, log: quiet });
  await quietNow;
  expect(ticks).toBe(4);
  expect(Date.now() - started).toBeLessThan(5_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(ticks).toBe(4);
  await loop.stop();
});
