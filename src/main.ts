// The composition root: reads the configuration and wires the knowledge base,
// the store, the assistant, the Teams endpoint and the HTTP server together.
// Nothing else in the bot reads the environment or picks an implementation; the
// terminal chat (src/chat/chat-cli.ts) shares the core's wiring (src/core.ts).
import path from 'node:path';
import type { KnowledgeBase } from './knowledge/knowledge-base';
import { watchKnowledge, type ReloadResult } from './knowledge/live';
import { KnowledgeBaseError } from './knowledge/problems';
import { ConfigError, loadConfig, type Config } from './config';
import { conversationOf, expertsOf, openCore, workingTimeOf, type CoreOverrides } from './core';
import { startupMessage } from './http/home';
import { startServer } from './http/server';
import { createLogger, describeError, type Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { reloadReport } from './reminders/admin';
import type { WorkingTimePolicy } from './reminders/calendar';
import { outboxMessage } from './reminders/compose';
import { createDispatcher, type Dispatcher } from './reminders/dispatcher';
import { startBackgroundLoop, startReminderLoop } from './reminders/loop';
import type { ProactiveMessenger } from './reminders/messenger';
import { loadOwnersFile, OwnersFileError, type DeadlineOwners } from './reminders/owners';
import { createPacer, TENANT_RATE } from './reminders/pacer';
import { DEADLINES, withDeadline } from './reliability/deadline';
import { startRetention } from './reliability/retention';
import type { ResilientStore } from './reliability/resilient-store';
import type { ReminderStore } from './storage/reminder-store';
import { tabSite } from './tab/tab-site';

/** What tests replace in the bot: the core's parts, the logger and the turn's deadlines. */
export interface BotOverrides extends CoreOverrides {
  readonly deadlines?: { readonly turnMs: number; readonly tokenCheckMs: number };
}

/** /readyz's own time limit: an orchestrator's probe times out after about a second or two. */
const READINESS_MS = 2_000;

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  readonly store: ResilientStore;
  /** Stops accepting requests, lets the open ones finish, closes the store. */
  close(): Promise<void>;
}

export async function startBot(config: Config, overrides: BotOverrides = {}): Promise<RunningBot> {
  const { now = () => new Date(), log = createLogger({ level: config.logLevel }) } = overrides;
  const metrics = createMetrics();
  const core = await openCore(config, { ...overrides, metrics, log });
  const { knowledge, store } = core;
  const kb = knowledge.current;
  metrics.observeKnowledge(() => kb().version);
  metrics.observeQueueDepth(store.queueDepth);
  try {
    const policy = workingTimeOf(config);
    const owners = deadlineOwnersOf(config, kb(), log);
    const edge = edgeOf(config.bot.sdk);
    const messenger = edge.messenger(config.bot, { defaultLang: config.defaultLang, log });
    const experts = expertsOf(config, core, { messenger, now, log });
    const messages = edge.endpoint({
      conversation: conversationOf(config, core, { owners, now, metrics, experts }),
      bot: config.bot,
      defaultLang: config.defaultLang,
      now,
      log,
      metrics,
      deliveries: { claim: (key, at) => store.claimActivity(key, at), release: (key, at) => store.releaseActivity(key, at) },
      ...(overrides.deadlines ? { deadlines: overrides.deadlines } : {}),
    });
    let stopping = false;
    const server = await startServer({
      host: config.host,
      port: config.port,
      messages,
      log,
      metrics,
      tab: tabSite(kb, { now, timeZone: config.timeZone }),
      readmePath: path.resolve(__dirname, '..', 'README.md'),
      readiness: async () => {
        if (stopping) return { ready: false, problems: ['shutting down'] };
        const queued = store.queueDepth();
        const waiting = queued > 0 ? [`${queued} writes wait in the queue for the store`] : [];
        try {
          // A write (a read-only or full database answers reads), within the probe's own time limit.
          await withDeadline(store.ping(), READINESS_MS, 'the storage probe');
          const failure = knowledge.failure();
          // The bot still answers from its last good knowledge base, so it stays ready; the failure shows.
          return { ready: true, knowledgeVersion: kb().version, problems: [...(failure ? [`the last knowledge reload failed: ${failure.problems.join('; ')}`] : []), ...waiting] };
        } catch (err) {
          log.warn('storage ping failed', describeError(err));
          return { ready: false, problems: ['storage unreachable: a test write failed or took too long', ...waiting] };
        }
      },
    });
    const everyMs = config.reminders.tickSeconds * 1000;
    const reminders = everyMs > 0 ? startReminderLoop(createReminderDispatcher(config, { kb, owners, store, messenger, policy, now, log, metrics }), { everyMs, log }) : undefined;
    // Expert questions not yet in the channel and answers not yet with their asker, on the reminders' beat.
    const resend = everyMs > 0 ? startBackgroundLoop(() => experts.loop.resend(), { everyMs, log, what: 'expert questions and answers sent late' }) : undefined;
    const retention = startRetention(store, { retentionDays: config.retentionDays, now, log });
    const watcher = watchKnowledge(config.knowledgeDir, knowledge, { log, onReload: adminNotifier(config, { store, messenger, log }) });
    log.info(`ready on ${server.url}`, { knowledgeVersion: kb().version, storage: config.database.kind, sdk: config.bot.sdk, auth: config.bot.appId !== undefined });
    return {
      url: server.url,
      port: server.port,
      store,
      close: async () => {
        stopping = true;
        watcher.close();
        retention.stop();
        await Promise.all([server.close(), reminders?.stop(), resend?.stop()]);
        // A turn answered by its deadline may still be running (and still answer): it ends before the store closes.
        await withDeadline(messages.settle(), DEADLINES.turnMs, 'the turns still running').catch((err: unknown) => log.warn('closing with turns still running', describeError(err)));
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * BOT_SDK picks the edge; both give the same endpoint and messenger to the rest. Only the SDK
 * in use is loaded: each costs a tenth of a second or more of the start.
 */
function edgeOf(sdk: Config['bot']['sdk']) {
  if (sdk === 'agents') {
    const { createAgentsEndpoint }: typeof import('./agents/endpoint') = require('./agents/endpoint');
    const { createAgentsMessenger }: typeof import('./agents/proactive') = require('./agents/proactive');
    return { endpoint: createAgentsEndpoint, messenger: createAgentsMessenger };
  }
  const { createTeamsEndpoint }: typeof import('./teams/endpoint') = require('./teams/endpoint');
  const { createTeamsMessenger }: typeof import('./teams/proactive') = require('./teams/proactive');
  return { endpoint: createTeamsEndpoint, messenger: createTeamsMessenger };
}

/** The reminder dispatcher with the Teams messenger, Teams' pacing and the configured working time. */
function createReminderDispatcher(
  config: Config,
  deps: { kb: () => KnowledgeBase; owners: DeadlineOwners; store: ReminderStore; messenger: ProactiveMessenger; policy: WorkingTimePolicy; now: () => Date; log: Logger; metrics: Metrics },
): Dispatcher {
  const { kb, owners } = deps;
  return createDispatcher({
    ...deps,
    compose: (reminder, at) => outboxMessage(kb(), owners, reminder, { lang: config.defaultLang, timeZone: config.timeZone, now: at }),
    admins: config.adminIds,
    // One budget per tenant for all instances: the store's (PostgreSQL: shared by every instance on the database).
    pacer: createPacer({ budget: { reserve: (tenantId) => deps.store.reserveSendSlot(tenantId, TENANT_RATE) } }),
  });
}

/** This deployment's deadline owners (OWNERS_FILE); without the file, none, and the log says so. */
function deadlineOwnersOf(config: Config, kb: KnowledgeBase, log: Logger): DeadlineOwners {
  const { owners, missing } = loadOwnersFile(config.ownersFile, kb.deadlines.map((d) => d.id));
  if (missing) log.warn('no deadline owners file: no reminders are sent until one is set up (see owners.example.yaml)', { file: config.ownersFile });
  return owners;
}

/**
 * Tells the admins, in their 1:1 chats with the bot, that an edit of the
 * knowledge files did not load. Best effort: /readyz and the log say it too.
 */
function adminNotifier(config: Config, { store, messenger, log }: { store: ReminderStore; messenger: ProactiveMessenger; log: Logger }) {
  return async (result: ReloadResult): Promise<void> => {
    if (result.ok) return;
    const text = reloadReport(result, config.defaultLang);
    for (const admin of config.adminIds) {
      const chat = await store.findPersonalConversation(admin);
      if (!chat) {
        log.warn('an admin has no chat with the bot to be told about a failed knowledge reload');
        continue;
      }
      const sent = await messenger.send(chat, { text, summary: text.split('\n')[0] ?? text });
      if (!sent.ok) log.warn('could not tell an admin about a failed knowledge reload', { status: sent.status, error: sent.error });
    }
  };
}

/** How long a shutdown may wait for open requests before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.logLevel });
  const bot = await startBot(config, { log });
  // For the person who typed `npm start`: where it listens and what to do next, on stderr beside the
  // JSON log. Not in production, nor under `npm run playground`, which says what to open itself.
  if (config.nodeEnv !== 'production' && !process.argv.includes('--no-next-steps')) {
    process.stderr.write(startupMessage({ url: bot.url, auth: config.bot.appId !== undefined, tab: true, storage: config.database.kind }));
  }
  const stop = (signal: NodeJS.Signals) => {
    log.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    bot.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', describeError(err));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  // The error boundary of start-up: configuration and knowledge errors explain
  // themselves (every bad variable, every bad record); anything else with its stack.
  main().catch((err: unknown) => {
    const known = err instanceof ConfigError || err instanceof KnowledgeBaseError || err instanceof OwnersFileError;
    console.error(known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  });
}
