// What the reminder card's buttons do: Indberettet records who reported
// (first press wins) and Udsæt postpones the owner's reminders; either way the
// card comes back in its new state, to replace the one pressed.
import type { Lang } from '../kernel/lang';
import { REMINDER_SNOOZE_DAYS, type ReminderAction } from '../cards/reminder-cards';
import type { RenderedCard } from '../kernel/card';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { ReminderStore } from '../storage/reminder-store';
import { nextWorkingTime, type WorkingTimePolicy } from './calendar';
import { renderReminder } from './compose';
import type { DeadlineOwners } from './owners';

export interface ReminderActionContext {
  readonly kb: KnowledgeBase;
  readonly owners: DeadlineOwners;
  readonly store: Pick<ReminderStore, 'acknowledge' | 'snooze'>;
  readonly policy: WorkingTimePolicy;
  readonly now: Date;
}

export interface Presser {
  /** The presser's Entra object id, the owner when the card does not name one. */
  readonly id: string;
  /** Shown on the card: "Markeret som indberettet af …". */
  readonly name: string;
  readonly lang: Lang;
}

const DAY_MS = 24 * 60 * 60_000;

export async function applyReminderAction({ kb, owners, store, policy, now }: ReminderActionContext, action: ReminderAction, presser: Presser): Promise<RenderedCard | undefined> {
  const owner = action.owner ?? presser.id;
  const target = { deadlineId: action.deadlineId, occurrence: action.occurrence, owner };
  if (!kb.deadlines.some((d) => d.id === action.deadlineId)) return undefined;
  const ref = { ...target, role: 'owner' as const, stage: 'action' };
  const options = { lang: presser.lang, timeZone: policy.timeZone, now };
  if (action.action === 'reminder.reported') {
    const ack = await store.acknowledge({ ...target, by: presser.name, at: now });
    return renderReminder(kb, owners, ref, { ...options, state: { kind: 'reported', by: ack.by, at: ack.at } });
  }
  const until = nextWorkingTime(new Date(now.getTime() + REMINDER_SNOOZE_DAYS * DAY_MS), policy);
  await store.snooze({ ...target, until, at: now });
  return renderReminder(kb, owners, ref, { ...options, state: { kind: 'snoozed', until } });
}
