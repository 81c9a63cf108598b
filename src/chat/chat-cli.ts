// `npm run chat`: the assistant in the terminal, on the same configuration,
// knowledge and store as the bot (see src/main.ts). `--en` starts in English.
import { loadConfig, ConfigError } from '../config';
import { KnowledgeBaseError } from '../knowledge/problems';
import { openCore } from '../core';
import { runChat } from './chat';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { assistant, store } = await openCore(config);
  try {
    const lang = process.argv.includes('--en') ? 'en' : config.defaultLang;
    await runChat({ assistant, store, lang, input: process.stdin, output: process.stdout });
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof KnowledgeBaseError;
  console.error(known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
