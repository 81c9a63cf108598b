// `npm run reminders -- preview --at <ISO date or time>`: prints which
// reminders the bot would enqueue at that moment, from the knowledge base and
// the store's record of what was sent, acknowledged and snoozed. Sends nothing
// and writes nothing. `--at` defaults to now; a date alone means 10:00 local time.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openCore, workingTimeOf } from '../core';
import { KnowledgeBaseError } from '../knowledge/problems';
import { previewLines } from './admin';
import { atLocalTime, isWorkingTime, LocalDate } from './calendar';
import { reminderDeadlines, remindersDue } from './dispatcher';

const USAGE = 'usage: npm run reminders -- preview [--at 2026-12-01 | --at 2026-12-01T09:30:00+01:00]';

function instant(at: string | undefined, timeZone: string): Date {
  if (at === undefined) return new Date();
  const date = LocalDate.safeParse(at);
  const parsed = date.success ? atLocalTime(date.data, 10, 0, timeZone) : new Date(at);
  if (Number.isNaN(parsed.getTime())) throw new Error(`--at ${at} is neither a date (YYYY-MM-DD) nor a time\n${USAGE}`);
  return parsed;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
  if (positionals[0] !== 'preview') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const policy = workingTimeOf(config);
  const at = instant(values.at, config.timeZone);
  const { knowledge, store } = await openCore(config);
  const kb = knowledge.current();
  try {
    const due = await remindersDue(kb, store, at, policy);
    console.log(`At ${at.toISOString()} (${isWorkingTime(at, policy) ? 'working time' : 'outside working time: nothing is sent'}):`);
    const lines = previewLines(due);
    console.log(lines.length ? lines.join('\n') : 'nothing would be sent.');
    const unowned = reminderDeadlines(kb).filter((d) => d.owners.length === 0).length;
    if (unowned > 0) console.log(`(${unowned} deadlines have no owner with a Teams id in the knowledge base and get no reminders.)`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof KnowledgeBaseError;
    console.error(known || !(err instanceof Error) ? String(err instanceof Error ? err.message : err) : (err.stack ?? err.message));
    process.exit(1);
  },
);
