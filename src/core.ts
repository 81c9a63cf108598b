// The wiring every channel shares (the Teams bot in main.ts, the terminal chat):
// knowledge, store, assistant and the conversation from the configuration. Kept
// apart from main.ts so that the terminal chat does not load the HTTP server.
import type { Assistant } from './answering/assistant';
import { createAssistant, type AssistantOptions } from './answering/service';
import type { Config } from './config';
import { createConversation, type Conversation } from './conversation/conversation';
import { knowledgeFileApprover } from './experts/knowledge-file';
import { createExpertLoop, type ExpertLoop } from './experts/loop';
import type { RenderedCard } from './kernel/card';
import { collectReport, DEFAULT_REPORT_DAYS, renderReportCard } from './experts/report';
import type { Metrics } from './metrics';
import { createOnboarding } from './onboarding/service';
import { applyReminderAction } from './reminders/actions';
import { adminCommands } from './reminders/admin';
import { WorkingTimePolicy } from './reminders/calendar';
import type { ProactiveMessenger } from './reminders/messenger';
import type { DeadlineOwners } from './reminders/owners';
import { createLiveKnowledge, type LiveKnowledge } from './knowledge/live';
import { loadKnowledgeBase } from './knowledge/load';
import { YAML_SNAPSHOT_FILE } from './knowledge/yaml-snapshot';
import { openStore } from './storage/open-store';
import { consoleLogger, type Logger } from './log';
import { resilientStore, type ResilientStore } from './reliability/resilient-store';
import { openWriteQueue } from './reliability/write-queue';

export interface CoreOverrides {
  /** Builds the assistant; tests wrap or replace the real one here. */
  readonly createAssistant?: (options: AssistantOptions) => Assistant;
  readonly now?: () => Date;
  /** Counts the assistant's answers and the store's failures (GET /metrics); absent: nothing is counted. */
  readonly metrics?: AssistantOptions['metrics'] & Pick<Metrics, 'storeError'>;
  /** For the store's own warnings (PostgreSQL's dropped idle connections). */
  readonly log?: Logger;
}

/** What every channel (Teams, the terminal chat) is built on: the knowledge, the store and the assistant. */
export interface Core {
  /** The knowledge base in force, reloadable while the bot runs. */
  readonly knowledge: LiveKnowledge;
  /** The store behind deadlines, with memory fallbacks and the durable write queue (reliability/resilient-store.ts). */
  readonly store: ResilientStore;
  readonly assistant: Assistant;
}

export async function openCore(config: Config, overrides: CoreOverrides = {}): Promise<Core> {
  const { now = () => new Date() } = overrides;
  const knowledge = createLiveKnowledge({ dir: config.knowledgeDir, initial: await loadKnowledgeBase(config.knowledgeDir, { yamlSnapshot: YAML_SNAPSHOT_FILE }), now });
  const log = overrides.log ?? consoleLogger;
  const raw = await openStore(config.database, log);
  let store: ResilientStore;
  try {
    store = resilientStore(raw, { queue: await openWriteQueue(config.writeQueuePath, log), log, metrics: overrides.metrics });
  } catch (err) {
    await raw.close();
    throw err;
  }
  try {
    const makeAssistant = overrides.createAssistant ?? createAssistant;
    const assistant = makeAssistant({ kb: knowledge.current, store, now, timeZone: config.timeZone, defaultLang: config.defaultLang, metrics: overrides.metrics, answerCacheSize: config.answerCacheSize });
    return { knowledge, store, assistant };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * What a conversation is, for every channel: the tour, reminder buttons, admin
 * commands, answers and ratings; with `experts` (Teams, see expertsOf) also Ask an expert.
 */
export function conversationOf(
  config: Config,
  { knowledge, store, assistant }: Core,
  {
    owners,
    now = () => new Date(),
    metrics,
    experts,
  }: { readonly owners: DeadlineOwners; readonly now?: () => Date; readonly metrics?: Pick<Metrics, 'help' | 'cardAction'>; readonly experts?: Experts },
): Conversation {
  const kb = knowledge.current;
  const policy = workingTimeOf(config);
  return createConversation({
    assistant,
    store,
    onboarding: createOnboarding({ kb, store, now, timeZone: config.timeZone }),
    reminderActions: (action, presser) => applyReminderAction({ kb: kb(), owners, store, admins: config.adminIds, policy, now: now() }, action, presser),
    admin: { ids: config.adminIds, run: adminCommands({ kb, owners, store, reload: knowledge.reload, policy, now }) },
    allowedTenants: config.allowedTenants,
    rateLimit: config.rateLimit,
    ...(metrics ? { metrics } : {}),
    ...(experts ? { experts } : {}),
  });
}

/** Ask an expert: its loop and the editors' report card. */
export interface Experts {
  readonly loop: ExpertLoop;
  readonly report: (lang: 'da' | 'en') => Promise<RenderedCard>;
}

/**
 * Ask an expert: the loop with the messenger, the knowledge folder it approves
 * into, the write queue for questions the store cannot take now, and the
 * editors' report card. The bot runs `loop.resend` in the background.
 */
export function expertsOf(config: Config, { knowledge, store }: Pick<Core, 'knowledge' | 'store'>, { messenger, now, log }: { messenger: ProactiveMessenger; now: () => Date; log: Logger }): Experts {
  const loop = createExpertLoop({
    store,
    queueQuestion: (question) => store.queueExpertQuestion(question),
    messenger,
    kb: knowledge.current,
    approveIntoKnowledge: knowledgeFileApprover({ dir: config.knowledgeDir, timeZone: config.timeZone, reload: knowledge.reload }),
    ...(config.experts.channelId ? { channelId: config.experts.channelId } : {}),
    channelLang: config.defaultLang,
    timeZone: config.timeZone,
    answerWithinDays: config.experts.answerWithinDays,
    now,
    log,
  });
  const report = async (lang: 'da' | 'en') => {
    const at = now();
    return renderReportCard(await collectReport(store, { since: new Date(at.getTime() - DEFAULT_REPORT_DAYS * 86_400_000), now: at, timeZone: config.timeZone }), lang);
  };
  return { loop, report };
}

/** The working time in which reminders go out, from the configuration. */
export function workingTimeOf(config: Config): WorkingTimePolicy {
  return WorkingTimePolicy.parse({
    timeZone: config.timeZone,
    startHour: config.reminders.workingHours.start,
    endHour: config.reminders.workingHours.end,
    workingWeekdays: config.reminders.workingDays,
  });
}
