// The composition root: reads the configuration and wires the knowledge base,
// the store, the assistant, the Teams endpoint and the HTTP server together.
// Nothing else in the bot reads the environment or picks an implementation; the
// terminal chat (src/chat/chat-cli.ts) shares the core's wiring (src/core.ts).
import { ConfigError, loadConfig, type Config } from './config';
import { startServer } from './http/server';
import { openCore, workingTimeOf, type CoreOverrides } from './core';
import { KnowledgeBaseError } from './knowledge/problems';
import { consoleLogger, describeError, type Logger } from './log';
import type { ReminderStore } from './storage/reminder-store';
import type { Store } from './storage/store';
import { createTeamsEndpoint } from './teams/endpoint';
import { createTeamsMessenger } from './teams/proactive';
import type { WorkingTimePolicy } from './reminders/calendar';
import { createOnboarding } from './onboarding/service';
import { applyReminderAction, type Presser } from './reminders/actions';
import { statusReport, testOccurrence, upcomingReport } from './reminders/admin';
import type { RenderedCard } from './cards/reminder-cards';
import { outboxMessage, renderReminder } from './reminders/compose';
import { createDispatcher, type Dispatcher } from './reminders/dispatcher';
import { startReminderLoop } from './reminders/loop';
import { createPacer } from './reminders/pacer';
import type { KnowledgeBase } from './knowledge/knowledge-base';
import { tabSite } from './tab/tab-site';

export interface BotOverrides extends CoreOverrides {
  readonly log?: Logger;
}

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  readonly store: Store & ReminderStore;
  /** Stops accepting requests, lets the open ones finish, closes the store. */
  close(): Promise<void>;
}

export async function startBot(config: Config, overrides: BotOverrides = {}): Promise<RunningBot> {
  const { now = () => new Date(), log = consoleLogger } = overrides;
  const { kb, store, assistant } = await openCore(config, overrides);
  try {
    const policy = workingTimeOf(config);
    const messages = createTeamsEndpoint({
      onboarding: createOnboarding({ kb, store, now, timeZone: config.timeZone }),
      reminderActions: (action, presser) => applyReminderAction({ kb, store, policy, now: now() }, action, presser),
      admin: {
        ids: config.adminIds,
        run: async (command, caller) => {
          const at = now();
          if (command === 'upcoming') return { text: upcomingReport(kb, policy, at, caller.lang) };
          if (command === 'status')
            return { text: statusReport(kb, await store.listReminders({ limit: 5000 }), await store.listAcknowledgements(), caller.lang) };
          return { card: testReminder(kb, caller, at, config) };
        },
      },
      bot: config.bot,
      assistant,
      store,
      defaultLang: config.defaultLang,
      allowedTenants: config.allowedTenants,
      now,
      log,
    });
    let stopping = false;
    const server = await startServer({
      host: config.host,
      port: config.port,
      messages,
      log,
      tab: tabSite(kb, { now, timeZone: config.timeZone }),
      readiness: async () => {
        if (stopping) return { ready: false, problems: ['shutting down'] };
        try {
          await store.ping();
          return { ready: true, knowledgeVersion: kb.version };
        } catch (err) {
          log.warn('storage ping failed', describeError(err));
          return { ready: false, problems: ['storage unreachable'] };
        }
      },
    });
    const reminders = config.reminders.tickSeconds > 0 ? startReminderLoop(createReminderDispatcher(config, { kb, store, policy, now, log }), { everyMs: config.reminders.tickSeconds * 1000, log }) : undefined;
    log.info(`ready on ${server.url}`, { knowledgeVersion: kb.version, storage: config.database.kind, auth: config.bot.appId !== undefined });
    return {
      url: server.url,
      port: server.port,
      store,
      close: async () => {
        stopping = true;
        await Promise.all([server.close(), reminders?.stop()]);
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * A reminder card for an admin to see what owners get. Its buttons name a
 * "test:" owner, so pressing them records nothing against a real owner.
 */
function testReminder(kb: KnowledgeBase, caller: Presser, at: Date, config: Config): RenderedCard {
  const deadline = kb.deadlines.find((d) => d.recurrence === 'yearly') ?? kb.deadlines[0];
  const occurrence = deadline && testOccurrence(kb, deadline.id, at, config.timeZone);
  const rendered =
    deadline && occurrence
      ? renderReminder(kb, { deadlineId: deadline.id, occurrence, owner: `test:${caller.id}`, role: 'test', stage: 'test' }, { lang: caller.lang, timeZone: config.timeZone, now: at, state: { kind: 'open' } })
      : undefined;
  if (!rendered) throw new Error('the knowledge base has no deadline to show in a test reminder');
  return rendered;
}


/** The reminder dispatcher with the Teams messenger, Teams' pacing and the configured working time. */
function createReminderDispatcher(
  config: Config,
  { kb, store, policy, now, log }: { kb: KnowledgeBase; store: ReminderStore; policy: WorkingTimePolicy; now: () => Date; log: Logger },
): Dispatcher {
  return createDispatcher({
    kb: () => kb,
    store,
    messenger: createTeamsMessenger(config.bot, { defaultLang: config.defaultLang, log }),
    compose: (reminder, at) => outboxMessage(kb, reminder, { lang: config.defaultLang, timeZone: config.timeZone, now: at }),
    policy,
    admins: config.adminIds,
    pacer: createPacer(),
    now,
    log,
  });
}

/** How long a shutdown may wait for open requests before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const bot = await startBot(loadConfig(process.env));
  const stop = (signal: NodeJS.Signals) => {
    consoleLogger.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    bot.close().then(
      () => process.exit(0),
      (err: unknown) => {
        consoleLogger.error('shutdown failed', describeError(err));
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
    const known = err instanceof ConfigError || err instanceof KnowledgeBaseError;
    console.error(known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  });
}
