// A reminder row as the card its recipient sees, built from the knowledge base
// as it is when the card is sent (or updated), not as it was when the row was
// enqueued: a corrected title or note reaches the next card. Pure.
import type { Lang } from '../kernel/lang';
import { cite } from '../kernel/citation';
import { DigestCardModel, renderDigestCard, renderReminderCard, type ReminderCardModel, type ReminderCardState } from '../cards/reminder-cards';
import type { RenderedCard } from '../kernel/card';
import type { Reminder } from '../storage/reminder-store';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { localDate } from '../kernel/dates';
import { daysBetween } from './calendar';
import type { DeadlineOwners } from './owners';

export interface ReminderRef {
  readonly deadlineId: string;
  readonly occurrence: string;
  /** The owner's Entra id or UPN, as in the reminder's key. */
  readonly owner: string;
  readonly role: ReminderCardModel['role'];
  readonly stage: string;
}

export interface ComposeOptions {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly now: Date;
  readonly state: ReminderCardState;
}

/** The card model, or undefined when the deadline is no longer in the knowledge base. */
function reminderModel(kb: KnowledgeBase, owners: DeadlineOwners, ref: ReminderRef, { lang, timeZone, now, state }: ComposeOptions): ReminderCardModel | undefined {
  const deadline = kb.deadlines.find((d) => d.id === ref.deadlineId);
  if (!deadline) return undefined;
  const name = (id: string | undefined) => (id ? kb.byId.get(id) : undefined);
  const ownerName = ownerNameOn(owners, deadline.id, ref.owner);
  const strategy = name(deadline.concerns.strategy);
  const principle = name(deadline.concerns.principle);
  const initiative = name(deadline.concerns.initiative);
  const today = localDate(now, timeZone);
  const [source] = cite({ kb, lang, today }, deadline.sources);
  return {
    lang,
    timeZone,
    deadlineId: deadline.id,
    occurrence: ref.occurrence,
    owner: ref.owner,
    title: deadline.title,
    kind: deadline.kind,
    daysLeft: daysBetween(today, ref.occurrence),
    stage: ref.stage,
    role: ref.role,
    ...(ownerName ? { ownerName } : {}),
    concerns: {
      ...(strategy?.type === 'strategy' ? { strategy: strategy.record.name } : {}),
      ...(principle?.type === 'principle' ? { principle: principle.record.shortName } : {}),
      ...(initiative?.type === 'initiative' ? { initiative: initiative.record.name } : {}),
    },
    ...(deadline.dueNote ? { dueNote: deadline.dueNote } : {}),
    sourceTitle: source?.title ?? deadline.sources[0]?.source ?? '–',
    sourceDate: source?.date ?? '–',
    state,
  };
}

/**
 * Who the card names as the owner: the configured name, else the id the
 * reminder is about. A test reminder shows the deadline's first owner, or
 * undefined (the card says that no owner is set).
 */
function ownerNameOn(owners: DeadlineOwners, deadlineId: string, owner: string): string | undefined {
  if (owner.startsWith('test:')) {
    const [first] = owners.ownersOf(deadlineId);
    return first && (first.name ?? first.id);
  }
  return owners.nameOf(owner) ?? owner;
}

export function renderReminder(kb: KnowledgeBase, owners: DeadlineOwners, ref: ReminderRef, options: ComposeOptions): RenderedCard | undefined {
  const model = reminderModel(kb, owners, ref, options);
  return model && renderReminderCard(model);
}

/** An outbox row as the message to send: a digest from its payload, any other row from the knowledge base. */
export function outboxMessage(kb: KnowledgeBase, owners: DeadlineOwners, reminder: Reminder, options: Omit<ComposeOptions, 'state'>): RenderedCard | undefined {
  if (reminder.role === 'digest') {
    const model = DigestCardModel.safeParse({ lang: options.lang, ...(reminder.payload as object) });
    return model.success ? renderDigestCard(model.data) : undefined;
  }
  const state: ReminderCardState =
    reminder.role === 'fallback' ? { kind: 'unreachable-owner', owner: unreachableOwner(owners, reminder) } : { kind: 'open' };
  return renderReminder(kb, owners, { ...reminder, role: reminder.role }, { ...options, state });
}

/** A fallback row's payload names the owner who could not be reached. */
function unreachableOwner(owners: DeadlineOwners, reminder: Reminder): string {
  const payload = reminder.payload as { unreachable?: unknown } | null;
  const id = typeof payload?.unreachable === 'string' ? payload.unreachable : reminder.owner;
  return owners.nameOf(id) ?? id;
}
