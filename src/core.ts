// The wiring every channel shares (the Teams bot in main.ts, the terminal chat):
// knowledge, store and assistant from the configuration. Kept apart from main.ts
// so that the terminal chat does not load the HTTP server.
import type { Assistant } from './answering/assistant';
import { createAssistant, type AssistantOptions } from './answering/service';
import type { Config } from './config';
import { WorkingTimePolicy } from './reminders/calendar';
import type { KnowledgeBase } from './knowledge/knowledge-base';
import { loadKnowledgeBase } from './knowledge/load';
import { openStore } from './storage/open-store';
import type { ReminderStore } from './storage/reminder-store';
import type { Store } from './storage/store';

export interface CoreOverrides {
  /** Builds the assistant; tests wrap or replace the real one here. */
  readonly createAssistant?: (options: AssistantOptions) => Assistant;
  readonly now?: () => Date;
}

/** What every channel (Teams, the terminal chat) is built on: the knowledge, the store and the assistant. */
export interface Core {
  readonly kb: KnowledgeBase;
  readonly store: Store & ReminderStore;
  readonly assistant: Assistant;
}

export async function openCore(config: Config, overrides: CoreOverrides = {}): Promise<Core> {
  const { now = () => new Date() } = overrides;
  const kb = await loadKnowledgeBase(config.knowledgeDir);
  const store = await openStore(config.database);
  try {
    const makeAssistant = overrides.createAssistant ?? createAssistant;
    const assistant = makeAssistant({ kb, store, now, timeZone: config.timeZone, defaultLang: config.defaultLang });
    return { kb, store, assistant };
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
