// Starts the real bot in-process (main's wiring: the knowledge folder, a temp
// SQLite file, the Teams endpoint, restify on 127.0.0.1:0) with authentication
// off, and a fake Bot Connector for its replies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Answer, Question } from '../../src/answering/answer';
import type { Lang } from '../../src/kernel/lang';
import type { Assistant } from '../../src/answering/assistant';
import { createAssistant } from '../../src/answering/service';
import { loadConfig, type Config } from '../../src/config';
import type { Logger, LogFields } from '../../src/log';
import { startBot, type BotOverrides, type RunningBot } from '../../src/main';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import type { ActivityOptions, Scope } from './teams-activities';

interface Asked {
  readonly question: Question;
  readonly conversationId: string;
  readonly answer: Answer;
}

export interface TestBot {
  readonly bot: RunningBot;
  /** The bot's SQLite file (in a temporary folder of its own). */
  readonly sqlitePath: string;
  readonly connector: FakeConnector;
  /** Every question that reached the assistant, with its answer. */
  readonly asked: Asked[];
  /** The assistant's help answer, as the bot's welcome card shows it. */
  help(lang: Lang): Answer;
  /** Every log line, as "level message {fields}". */
  readonly logs: string[];
  /** Where an activity of this scope comes from; the serviceUrl is the fake connector. */
  from(scope?: Scope, extra?: Partial<ActivityOptions>): ActivityOptions;
  post(activity: unknown, headers?: Record<string, string>): Promise<Response>;
  postRaw(body: string, contentType?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  readonly env?: Record<string, string>;
  /** Replaces the real assistant (which it receives) with another, e.g. one that fails. */
  readonly assistant?: (real: Assistant) => Assistant;
  /**
   * Changes the loaded configuration before the bot starts, for what no
   * environment may set: e.g. a local token authority in a production configuration.
   */
  readonly configure?: (config: Config) => Config;
  /** Replaces the logger that fills `logs` (which then stays empty). */
  readonly log?: Logger;
  /** Shorter turn deadlines than production's (src/reliability/deadline.ts). */
  readonly deadlines?: BotOverrides['deadlines'];
}

export async function startTestBot({ env = {}, assistant, configure = (c) => c, log: ownLog, deadlines }: TestBotOptions = {}): Promise<TestBot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-bot-'));
  const connector = await startFakeConnector();
  const asked: Asked[] = [];
  let built: Assistant | undefined;
  const logs: string[] = [];
  const line = (level: string) => (message: string, fields?: LogFields) => {
    logs.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  };
  const log: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
  const sqlitePath = path.join(dir, 'bot.sqlite');
  const config = configure(loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SQLITE_PATH: sqlitePath,
    // Not the developer's local owners.yaml: tests that need owners write their own.
    OWNERS_FILE: path.join(dir, 'owners.yaml'),
    // Tests send many messages as one user; the limit has its own tests.
    RATE_LIMIT_PER_MINUTE: '0',
    // Which edge the suite runs against (tests/edges runs both; TEST_BOT_SDK=agents runs any suite on the Agents SDK).
    ...(process.env['TEST_BOT_SDK'] ? { BOT_SDK: process.env['TEST_BOT_SDK'] } : {}),
    ...env,
  }));
  const bot = await startBot(config, {
    log: ownLog ?? log,
    ...(deadlines ? { deadlines } : {}),
    createAssistant: (options) => {
      const inner = assistant ? assistant(createAssistant(options)) : createAssistant(options);
      built = inner;
      return {
        help: (lang) => inner.help(lang),
        async ask(question, conversationId, alongside) {
          const answer = await inner.ask(question, conversationId, alongside);
          asked.push({ question, conversationId, answer });
          return answer;
        },
      };
    },
  });
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
  return {
    bot,
    sqlitePath,
    connector,
    asked,
    help: (lang) => {
      if (!built) throw new Error('the bot has no assistant yet');
      return built.help(lang);
    },
    logs,
    from: (scope = 'personal', extra = {}) => ({ serviceUrl: connector.url, scope, ...extra }),
    post: (activity, headers = {}) => post(JSON.stringify(activity), { 'content-type': 'application/json', ...headers }),
    postRaw: (body, contentType = 'application/json') => post(body, { 'content-type': contentType }),
    async close() {
      await bot.close();
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
