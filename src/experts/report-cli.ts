// `npm run report -- [--since DATE] [--format md|csv] [--en]`: the editors'
// figures (src/experts/report.ts) from the bot's store, on standard output.
// Reads SQLITE_PATH or DATABASE_URL and TIME_ZONE like the bot; writes nothing.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { atLocalTime, LocalDate } from '../reminders/calendar';
import { openStore } from '../storage/open-store';
import { collectReport, DEFAULT_REPORT_DAYS, reportCsv, reportMarkdown } from './report';

const USAGE = `usage: npm run report -- [--since DATE] [--format md|csv] [--en]

  --since DATE   from this local date, YYYY-MM-DD (default: the last ${DEFAULT_REPORT_DAYS} days)
  --format       md (default: headings and tables, for a browser) or csv (one table, for a spreadsheet)
  --en           the markdown in English (default: DEFAULT_LANG, Danish)
  --help         this text

Reads SQLITE_PATH or DATABASE_URL and TIME_ZONE like the bot.`;

/** A mistake in how the command was called: told with the usage, exit code 2. */
class UsageError extends Error {}

function args() {
  try {
    return parseArgs({ options: { since: { type: 'string' }, format: { type: 'string', default: 'md' }, en: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function main(): Promise<number> {
  const { values } = args();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.format !== 'md' && values.format !== 'csv') throw new UsageError(`--format ${values.format}: expected md or csv`);
  const config = loadConfig(process.env);
  const now = new Date();
  let since = new Date(now.getTime() - DEFAULT_REPORT_DAYS * 86_400_000);
  if (values.since !== undefined) {
    const date = LocalDate.safeParse(values.since);
    if (!date.success) throw new UsageError(`--since ${values.since}: expected a date as YYYY-MM-DD`);
    since = atLocalTime(date.data, 0, 0, config.timeZone);
  }
  const store = await openStore(config.database);
  try {
    const report = await collectReport(store, { since, now, timeZone: config.timeZone });
    process.stdout.write(values.format === 'csv' ? reportCsv(report) : reportMarkdown(report, values.en ? 'en' : config.defaultLang));
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
    console.error(err instanceof ConfigError || !(err instanceof Error) ? String(err instanceof Error ? err.message : err) : (err.stack ?? err.message));
    process.exit(1);
  },
);
