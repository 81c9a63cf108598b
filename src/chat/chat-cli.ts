// `npm run chat`: the assistant in the terminal, on the same configuration,
// knowledge and store as the bot (see src/main.ts). `--en` starts in English.
import { loadConfig, ConfigError } from '../config';
import { KnowledgeBaseError } from '../knowledge/problems';
import { conversationOf, openCore } from '../core';
import { createLogger } from '../log';
import { NO_OWNERS } from '../reminders/owners';
import { runChat } from './chat';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The terminal is the conversation; the log goes to standard error, warnings and worse only.
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const core = await openCore(config, { log });
  try {
    const lang = process.argv.includes('--en') ? 'en' : config.defaultLang;
    // No reminder cards reach the terminal, and its user is no admin: no deadline owners are needed.
    await runChat({ conversation: conversationOf(config, core, { owners: NO_OWNERS }), lang, input: process.stdin, output: process.stdout, log });
  } finally {
    await core.store.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof KnowledgeBaseError;
  console.error(known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
