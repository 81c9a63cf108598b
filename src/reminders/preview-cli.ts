// `npm run reminders -- preview --at <ISO date or time>`: prints which
// reminders the bot would enqueue at that moment, from the knowledge base, the
// deployment's deadline owners (OWNERS_FILE) and the store's record of what was
// sent, acknowledged and snoozed, in local time and in words an admin or team
// lead reads. Sends nothing and writes nothing. `--at` defaults to now; a date
// alone means 10:00 local time.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openCore, workingTimeOf } from '../core';
import { KnowledgeBaseError } from '../knowledge/problems';
import { localTime, previewLines } from './admin';
import { atLocalTime, isWorkingTime, LocalDate } from './calendar';
import { reminderDeadlines, remindersDue } from './dispatcher';
import { loadOwnersFile, OwnersFileError } from './owners';

const USAGE = `usage: npm run reminders -- preview [--at DATE | --at TIME] [--en]

  preview      prints the reminders the bot would enqueue at that moment; sends and writes nothing
  --at DATE    a local date, YYYY-MM-DD (10:00 that day, in TIME_ZONE), e.g. --at 2026-12-01
  --at TIME    an ISO time with its offset, e.g. --at 2026-12-01T09:30:00+01:00 (default: now)
  --en         in English (default: DEFAULT_LANG, Danish)
  --help       this text

Reads KNOWLEDGE_DIR, OWNERS_FILE, SQLITE_PATH or DATABASE_URL, TIME_ZONE, WORKING_HOURS and WORKING_DAYS like the bot.`;

/** A mistake in how the command was called: told with the usage, exit code 2. */
class UsageError extends Error {}

function instant(at: string | undefined, timeZone: string): Date {
  if (at === undefined) return new Date();
  const date = LocalDate.safeParse(at);
  const parsed = date.success ? atLocalTime(date.data, 10, 0, timeZone) : new Date(at);
  if (Number.isNaN(parsed.getTime())) throw new UsageError(`--at ${at} is neither a date (YYYY-MM-DD) nor a time (e.g. 2026-12-01T09:30:00+01:00)`);
  return parsed;
}

function args() {
  try {
    return parseArgs({ allowPositionals: true, options: { at: { type: 'string' }, en: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    // parseArgs says what was wrong (an unknown option, a missing value) in its message.
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function main(): Promise<number> {
  const { positionals, values } = args();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== 'preview' || positionals.length > 1) {
    throw new UsageError(positionals.length === 0 ? 'no command given' : `unknown command: ${positionals.join(' ')}`);
  }
  const config = loadConfig(process.env);
  const lang = values.en ? 'en' : config.defaultLang;
  const da = lang === 'da';
  const policy = workingTimeOf(config);
  const at = instant(values.at, config.timeZone);
  const { knowledge, store } = await openCore(config);
  const kb = knowledge.current();
  try {
    const { owners, missing } = loadOwnersFile(config.ownersFile, kb.deadlines.map((d) => d.id));
    const due = await remindersDue(kb, owners, store, at, policy);
    const working = isWorkingTime(at, policy);
    const state = da ? (working ? 'i arbejdstiden' : 'uden for arbejdstiden: intet sendes') : working ? 'in working time' : 'outside working time: nothing is sent';
    console.log(`${localTime(at, lang, policy.timeZone)} (${policy.timeZone}), ${state}.`);
    const lines = previewLines(kb, owners, due, lang);
    console.log(lines.length ? lines.join('\n') : da ? 'Ingen påmindelser ville blive sendt.' : 'No reminders would be sent.');
    const unowned = reminderDeadlines(kb, owners).filter((d) => d.owners.length === 0).length;
    if (missing) console.log(da ? `(Der er ingen ejerfil ${config.ownersFile}, så ingen frister har en ejer; se owners.example.yaml.)` : `(There is no owners file ${config.ownersFile}, so no deadline has an owner; see owners.example.yaml.)`);
    else if (unowned > 0) console.log(da ? `(${unowned} af ${kb.deadlines.length} frister har ingen ejer i ${config.ownersFile} og får ingen påmindelser.)` : `(${unowned} of ${kb.deadlines.length} deadlines have no owner in ${config.ownersFile} and get no reminders.)`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const known = err instanceof ConfigError || err instanceof KnowledgeBaseError || err instanceof OwnersFileError;
    console.error(known || !(err instanceof Error) ? String(err instanceof Error ? err.message : err) : (err.stack ?? err.message));
    process.exit(1);
  },
);
