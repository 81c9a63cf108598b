// What the reminder card's buttons do: Indberettet records who reported
// (first press wins) and Udsæt postpones the owner's reminders; either way the
// card comes back in its new state, to replace the one pressed.
//
// A button's payload names the owner it acts for, and a payload can be forged
// (or a card pressed by someone it was not sent to), so the payload is never
// trusted on its own: only the people a reminder about that owner goes to may
// act on it (mayActFor below). Everyone else is told so, and nothing is recorded.
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
  /** findPersonalConversation: how a UPN named in the owners file is matched to the Entra object id a press carries. */
  readonly store: Pick<ReminderStore, 'acknowledge' | 'snooze' | 'findPersonalConversation'>;
  /** ADMIN_IDS (Entra object ids): they get the reminders of owners who cannot be reached, and may act for any owner. */
  readonly admins: readonly string[];
  readonly policy: WorkingTimePolicy;
  readonly now: Date;
}

export interface Presser {
  /** The presser's Entra object id where the channel gives one (Teams does), else the channel's user id. */
  readonly id: string;
  /** Shown on the card: "Markeret som indberettet af …". */
  readonly name: string;
  readonly lang: Lang;
}

/** What a press did: the card in its new state, or why nothing was recorded; undefined: no such deadline. */
export type ReminderActionResult =
  | { readonly kind: 'done'; readonly card: RenderedCard }
  | { readonly kind: 'refused'; readonly notice: string };

const DAY_MS = 24 * 60 * 60_000;
const TEST_OWNER = 'test:';

export async function applyReminderAction(context: ReminderActionContext, action: ReminderAction, presser: Presser): Promise<ReminderActionResult | undefined> {
  const { kb, owners, store, policy, now } = context;
  if (!kb.deadlines.some((d) => d.id === action.deadlineId)) return undefined;
  // A card from before the buttons named their owner: the owner is the presser, as the owners file names them.
  const owner = action.owner ?? (await ownEntry(context, action.deadlineId, presser));
  if (owner === undefined || !(await mayActFor(context, action.deadlineId, owner, presser))) return { kind: 'refused', notice: notYours(presser.lang) };
  const target = { deadlineId: action.deadlineId, occurrence: action.occurrence, owner };
  const ref = { ...target, role: 'owner' as const, stage: 'action' };
  const options = { lang: presser.lang, timeZone: policy.timeZone, now };
  let card: RenderedCard | undefined;
  if (action.action === 'reminder.reported') {
    const ack = await store.acknowledge({ ...target, by: presser.name, at: now });
    card = renderReminder(kb, owners, ref, { ...options, state: { kind: 'reported', by: ack.by, at: ack.at } });
  } else {
    const until = nextWorkingTime(new Date(now.getTime() + REMINDER_SNOOZE_DAYS * DAY_MS), policy);
    await store.snooze({ ...target, until, at: now });
    card = renderReminder(kb, owners, ref, { ...options, state: { kind: 'snoozed', until } });
  }
  return card && { kind: 'done', card };
}

/**
 * Who a reminder about `owner` goes to, and so who may act on it: the owner,
 * the team lead the owners file gives them for this deadline (their card has
 * the same buttons), and the admins (the fallback card when the owner cannot
 * be reached). A test reminder ("test:<admin>") is the admins' only.
 */
async function mayActFor(context: ReminderActionContext, deadlineId: string, owner: string, presser: Presser): Promise<boolean> {
  const { owners, admins } = context;
  const allowed: string[] = [...admins];
  if (owner.toLowerCase().startsWith(TEST_OWNER)) allowed.push(owner.slice(TEST_OWNER.length));
  else {
    const entry = owners.ownersOf(deadlineId).find((o) => same(o.id, owner));
    if (entry) allowed.push(entry.id, ...(entry.teamLead ? [entry.teamLead.id] : []));
  }
  for (const id of allowed) if (await isPerson(context, id, presser)) return true;
  return false;
}

/** The presser's own entry among the deadline's owners, by its id as the owners file gives it. */
async function ownEntry(context: ReminderActionContext, deadlineId: string, presser: Presser): Promise<string | undefined> {
  for (const o of context.owners.ownersOf(deadlineId)) if (await isPerson(context, o.id, presser)) return o.id;
  return undefined;
}

/**
 * Whether `id` (an Entra object id or a UPN, as the owners file allows) is the
 * presser. A press carries the Entra object id and never the UPN, so a UPN is
 * matched through the 1:1 conversation the bot keeps with that person: the
 * dispatcher saves it with both when it first reaches them through a team's
 * roster, which is how a reminder to a UPN is delivered.
 */
async function isPerson({ store }: ReminderActionContext, id: string, presser: Presser): Promise<boolean> {
  if (same(id, presser.id)) return true;
  if (!id.includes('@')) return false;
  const known = await store.findPersonalConversation(id);
  return known?.userAadObjectId !== undefined && same(known.userAadObjectId, presser.id);
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function notYours(lang: Lang): string {
  return lang === 'da'
    ? 'Den påmindelse er ikke til dig, så intet er ændret: kun fristens ejer, ejerens teamleder og assistentens administratorer kan markere den som indberettet eller udsætte den.'
    : 'That reminder is not addressed to you, so nothing was changed: only the owner of the deadline, their team lead and the assistant\u2019s administrators can mark it as reported or snooze it.';
}
