// The reminder dispatcher's timer: one tick at a time, every `everyMs` (and
// at once again after a tick that delivered, until one finds nothing to do),
// and a stop that waits for the tick in flight (a send is finished, not cut off).
import { describeError, type Logger } from '../log';
import type { Dispatcher } from './dispatcher';

export interface ReminderLoop {
  stop(): Promise<void>;
}

export function startReminderLoop(dispatcher: Dispatcher, { everyMs, log }: { readonly everyMs: number; readonly log: Logger }): ReminderLoop {
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  const run = () => {
    if (running || stopped) return;
    running = dispatcher
      .tick()
      .then(
        (report) => {
          if (report.enqueued > 0 || report.delivered > 0) log.info('reminders', { ...report });
          // A tick that delivered may have stopped at its limit with more due: go on at once, not a tick later.
          if (report.delivered > 0) again = true;
        },
        // One failed tick (a database hiccup) must not stop the next.
        (err: unknown) => log.error('reminder tick failed', describeError(err)),
      )
      .finally(() => {
        running = undefined;
        if (again && !stopped) setImmediate(run);
        again = false;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
