// `npm run purge`: removes question text older than RETENTION_DAYS (90 by default),
// expert questions' and suggestions' included (src/reliability/retention.ts), from the store the configuration names (SQLITE_PATH or DATABASE_URL), as the bot
// does daily by itself, and prints what it removed. `-- --days N` overrides the period.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openStore } from '../storage/open-store';
import { purgeAll, purgeCutoffs } from './retention';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string' } } });
  const config = loadConfig(process.env);
  const days = values.days === undefined ? config.retentionDays : Number(values.days);
  if (!Number.isInteger(days) || days < 0) throw new Error(`--days ${values.days}: expected a whole number of days, 0 or more`);
  const store = await openStore(config.database);
  try {
    const cutoffs = purgeCutoffs(new Date(), days);
    const counts = await purgeAll(store, cutoffs);
    console.log(`Removed question text from before ${cutoffs.textBefore.toISOString()} (${days} days):`);
    console.log(`  unanswered questions: ${counts.unanswered}`);
    console.log(`  feedback (rating and answer title kept): ${counts.feedback}`);
    console.log(`  answers kept for their rating buttons: ${counts.sentAnswers}`);
    console.log(`  expert questions whose answer was delivered or could not be (asker and text removed): ${counts.experts.questions}`);
    console.log(`  decided expert suggestions (question and answer removed): ${counts.experts.suggestions}`);
    console.log(`  delivery keys (older than ${cutoffs.keysBefore.toISOString()}): ${counts.deliveryKeys}`);
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : String(err));
  process.exit(1);
});
