// The bot's background timers: the reminder dispatcher's, and the expert
// loop's resend (main.ts). One run at a time, every `everyMs` (and at once
// again after a run that did something, until one finds nothing to do), and a
// stop that waits for the run in flight (a send is finished, not cut off).
import { describeError, type Logger } from '../log';
import type { Dispatcher } from './dispatcher';

export interface BackgroundLoop {
  stop(): Promise<void>;
}

/** A loop of `work`, which says how many things it did; `what` names it in the log. */
export function startBackgroundLoop(work: () => Promise<number>, { everyMs, log, what }: { readonly everyMs: number; readonly log: Logger; readonly what: string }): BackgroundLoop {
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  const run = () => {
    if (running || stopped) return;
    running = work()
      .then(
        // A run that did something may have stopped at its limit with more due: go on at once, not a tick later.
        (done) => {
          if (done > 0) again = true;
        },
        // One failed run (a database hiccup) must not stop the next.
        (err: unknown) => log.error(`${what}: a run failed`, describeError(err)),
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

export function startReminderLoop(dispatcher: Dispatcher, { everyMs, log }: { readonly everyMs: number; readonly log: Logger }): BackgroundLoop {
  return startBackgroundLoop(
    async () => {
      const report = await dispatcher.tick();
      if (report.enqueued > 0 || report.delivered > 0) log.info('reminders', { ...report });
      return report.delivered;
    },
    { everyMs, log, what: 'reminders' },
  );
}
