// The wiring every channel shares (the Teams bot in main.ts, the terminal chat):
// knowledge, store and assistant from the configuration. Kept apart from main.ts
// so that the terminal chat does not load the HTTP server.
import type { Assistant } from './answering/assistant';
import { createAssistant, type AssistantOptions } from './answering/service';
import type { Config } from './config';
import type { Logger } from './log';
import { WorkingTimePolicy } from './reminders/calendar';
import { createLiveKnowledge, type LiveKnowledge } from './knowledge/live';
import { loadKnowledgeBase } from './knowledge/load';
import { openStore } from './storage/open-store';
import type { ReminderStore } from './storage/reminder-store';
import type { Store } from './storage/store';

export interface CoreOverrides {
  /** Builds the assistant; tests wrap or replace the real one here. */
  readonly createAssistant?: (options: AssistantOptions) => Assistant;
  readonly now?: () => Date;
  /** Counts the assistant's answers (GET /metrics); absent: nothing is counted. */
  readonly metrics?: AssistantOptions['metrics'];
  /** For the store's own warnings (PostgreSQL's dropped idle connections). */
  readonly log?: Logger;
}

/** What every channel (Teams, the terminal chat) is built on: the knowledge, the store and the assistant. */
export interface Core {
  /** The knowledge base in force, reloadable while the bot runs. */
  readonly knowledge: LiveKnowledge;
  readonly store: Store & ReminderStore;
  readonly assistant: Assistant;
}

export async function openCore(config: Config, overrides: CoreOverrides = {}): Promise<Core> {
  const { now = () => new Date() } = overrides;
  const knowledge = createLiveKnowledge({ dir: config.knowledgeDir, initial: await loadKnowledgeBase(config.knowledgeDir), now });
  const store = await openStore(config.database, overrides.log);
  try {
    const makeAssistant = overrides.createAssistant ?? createAssistant;
    const assistant = makeAssistant({ kb: knowledge.current, store, now, timeZone: config.timeZone, defaultLang: config.defaultLang, metrics: overrides.metrics });
    return { knowledge, store, assistant };
  } catch (err) {
    await store.close();
    throw err;
  }
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
