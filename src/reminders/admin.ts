// What the admins ask about reminders, as text: the stages coming up, the
// delivery status per deadline (unreachable owners included), and the command
// line preview. Pure: the store's rows and the clock come in.
import type { Lang } from '../kernel/lang';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { ReloadResult } from '../knowledge/live';
import type { RenderedCard } from '../kernel/card';
import type { Acknowledgement, Reminder, ReminderStore } from '../storage/reminder-store';
import { date } from '../kernel/format';
import { localDate, nextYearly } from '../kernel/dates';
import type { WorkingTimePolicy } from './calendar';
import { renderReminder } from './compose';
import { reminderDeadlines } from './dispatcher';
import type { DeadlineOwners } from './owners';
import { upcomingStages, type DueReminder } from './schedule';

const AdminCommand = {
  /** "påmindelser", "reminders": the stages of the next 30 days. */
  upcoming: /^\/?(p(å|aa|a)mindelser|reminders|upcoming reminders)$/i,
  /** "status": sent, pending, failed and unreachable per deadline. */
  status: /^\/?(status|p(å|aa|a)mindelsesstatus|reminder status)$/i,
  /** "test påmindelse", "test reminder": a reminder card to the admin. */
  test: /^\/?(test ?p(å|aa|a)mindelse|test reminder)$/i,
  /** "genindlæs", "reload": reads the knowledge folder again. */
  reload: /^\/?(genindl(æ|ae|a)s|reload)( viden| vidensbasen| knowledge)?$/i,
} as const;
export type AdminCommandName = keyof typeof AdminCommand;

export function adminCommandOf(text: string): AdminCommandName | undefined {
  const trimmed = text.trim();
  return (Object.keys(AdminCommand) as AdminCommandName[]).find((name) => AdminCommand[name].test(trimmed));
}

const UPCOMING_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** "tirsdag den 1. december 2026 kl. 10.00" / "Tuesday 1 December 2026 at 10:00", local time. */
export function localTime(at: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(at);
}

const dayCount = (n: number, lang: Lang) => `${n} ${lang === 'da' ? (n === 1 ? 'dag' : 'dage') : n === 1 ? 'day' : 'days'}`;

/** "om 3 dage", "i dag", "for 61 dage siden" / "in 3 days", "today", "61 days ago". */
function relativeDays(daysLeft: number, lang: Lang): string {
  if (daysLeft === 0) return lang === 'da' ? 'i dag' : 'today';
  if (lang === 'da') return daysLeft > 0 ? `om ${dayCount(daysLeft, lang)}` : `for ${dayCount(-daysLeft, lang)} siden`;
  return daysLeft > 0 ? `in ${dayCount(daysLeft, lang)}` : `${dayCount(-daysLeft, lang)} ago`;
}

/** A stage as people say it: "14 dage før fristen", "på dagen", "efter fristen", "efter en udsættelse". */
function stageLabel(stage: string, lang: Lang): string {
  const da = lang === 'da';
  const lead = /^lead-(\d+)$/.exec(stage);
  if (lead) return da ? `${dayCount(Number(lead[1]), lang)} før fristen` : `${dayCount(Number(lead[1]), lang)} before the deadline`;
  if (stage === 'due') return da ? 'på dagen' : 'on the day';
  if (stage === 'overdue') return da ? 'efter fristen' : 'after the deadline';
  if (stage.startsWith('snooze-')) return da ? 'efter en udsættelse' : 'after a snooze';
  return stage;
}

/** A person as configured: "Anne Juhl", else their id. */
const who = (owners: DeadlineOwners, id: string) => owners.nameOf(id) ?? id;

function upcomingReport(kb: KnowledgeBase, owners: DeadlineOwners, policy: WorkingTimePolicy, now: Date, lang: Lang): string {
  const until = new Date(now.getTime() + UPCOMING_DAYS * DAY_MS);
  const da = lang === 'da';
  const lines = reminderDeadlines(kb, owners).flatMap((deadline) =>
    upcomingStages(deadline, policy, now, until).map((s) => {
      const names = deadline.owners.map((o) => who(owners, o.recipient));
      const to = names.length === 0 ? (da ? 'ingen ejer er sat op' : 'no owner is set') : `${da ? 'til' : 'to'} ${names.join(', ')}`;
      const line = `- ${localTime(s.fireAt, lang, policy.timeZone)}: ${deadline.title} (${stageLabel(s.stage, lang)}, ${da ? 'frist' : 'due'} ${date(s.occurrence, lang)}; ${to})`;
      return { at: s.fireAt, line };
    }),
  );
  lines.sort((a, b) => a.at.getTime() - b.at.getTime());
  const heading = da ? `**Påmindelser de næste ${UPCOMING_DAYS} dage**` : `**Reminders in the next ${UPCOMING_DAYS} days**`;
  if (lines.length === 0) return `${heading}\n\n${da ? 'Ingen.' : 'None.'}`;
  return `${heading}\n\n${lines.map((l) => l.line).join('\n')}`;
}

function statusReport(kb: KnowledgeBase, reminders: readonly Reminder[], acknowledgements: readonly Acknowledgement[], lang: Lang): string {
  const heading = lang === 'da' ? '**Status for påmindelser**' : '**Reminder status**';
  const sections = kb.deadlines
    .map((d) => {
      const rows = reminders.filter((r) => r.deadlineId === d.id);
      const acks = acknowledgements.filter((a) => a.deadlineId === d.id);
      if (rows.length === 0 && acks.length === 0) return undefined;
      const count = (status: Reminder['status']) => rows.filter((r) => r.status === status).length;
      const counts =
        lang === 'da'
          ? `sendt ${count('sent')}, i kø ${count('pending')}, fejlet ${count('failed')}, kunne ikke nås ${count('unreachable')}, indberettet ${acks.length}`
          : `sent ${count('sent')}, queued ${count('pending')}, failed ${count('failed')}, unreachable ${count('unreachable')}, reported ${acks.length}`;
      const unreachable = [...new Set(rows.filter((r) => r.status === 'unreachable').map((r) => r.recipient))];
      const failed = rows.filter((r) => r.status === 'failed' || (r.status === 'pending' && r.lastError));
      const details = [
        ...unreachable.map((id) => `  - ${lang === 'da' ? 'kan ikke nås' : 'unreachable'}: ${id}`),
        ...failed.map((r) => `  - ${r.status === 'failed' ? (lang === 'da' ? 'fejlet' : 'failed') : lang === 'da' ? 'prøves igen' : 'retrying'}: ${r.recipient} (${r.lastError ?? ''})`),
      ];
      return [`- ${d.title}: ${counts}`, ...details].join('\n');
    })
    .filter((s): s is string => s !== undefined);
  if (sections.length === 0) return `${heading}\n\n${lang === 'da' ? 'Der er endnu ikke sendt nogen påmindelser.' : 'No reminders have been sent yet.'}`;
  return `${heading}\n\n${sections.join('\n')}`;
}

/**
 * `npm run reminders -- preview --at …`: what would be enqueued at that
 * moment, one line each, for an admin or team lead to read: the deadline's
 * title, its date and how far off it is, which reminder, and to whom.
 */
export function previewLines(kb: KnowledgeBase, owners: DeadlineOwners, due: readonly DueReminder[], lang: Lang): string[] {
  const da = lang === 'da';
  return due.map((d) => {
    const title = kb.deadlines.find((x) => x.id === d.deadlineId)?.title ?? d.deadlineId;
    const to =
      d.role === 'team-lead'
        ? da ? `til teamlederen ${who(owners, d.recipient)}, fordi ${who(owners, d.owner)} ikke har indberettet` : `to the team lead ${who(owners, d.recipient)}, as ${who(owners, d.owner)} has not reported`
        : da ? `til ${who(owners, d.recipient)}` : `to ${who(owners, d.recipient)}`;
    const when = `${da ? 'frist' : 'due'} ${date(d.occurrence, lang)} (${relativeDays(d.daysLeft, lang)})`;
    return `- ${title}: ${when}; ${da ? 'påmindelse' : 'reminder'} ${stageLabel(d.stage, lang)} ${to}`;
  });
}

/** The occurrence a test reminder shows: the next due date of the deadline, seen from today. */
function testOccurrence(kb: KnowledgeBase, deadlineId: string, now: Date, timeZone: string): string | undefined {
  const d = kb.deadlines.find((x) => x.id === deadlineId);
  if (!d) return undefined;
  return d.recurrence === 'yearly' ? nextYearly(d.due, localDate(now, timeZone)) : d.due;
}

/** What an admin's "genindlæs" did: the new version, or every problem while the last good knowledge stays. */
export function reloadReport(result: ReloadResult, lang: Lang): string {
  const da = lang === 'da';
  if (result.ok)
    return result.changed
      ? da ? `Vidensbasen er genindlæst (version ${result.kb.version}).` : `The knowledge base was reloaded (version ${result.kb.version}).`
      : da ? `Vidensbasen er uændret (version ${result.kb.version}).` : `The knowledge base is unchanged (version ${result.kb.version}).`;
  const heading = da
    ? '**Genindlæsningen fejlede.** Assistenten svarer stadig ud fra den sidste gyldige vidensbase. Ret dette:'
    : '**The reload failed.** The assistant still answers from the last good knowledge base. Fix this:';
  return `${heading}\n\n${result.problems.map((p) => `- ${p}`).join('\n')}`;
}

export interface AdminDeps {
  readonly kb: () => KnowledgeBase;
  readonly owners: DeadlineOwners;
  readonly store: Pick<ReminderStore, 'listReminders' | 'listAcknowledgements'>;
  /** Reads the knowledge folder again (src/knowledge/live.ts). */
  readonly reload: () => Promise<ReloadResult>;
  readonly policy: WorkingTimePolicy;
  readonly now: () => Date;
}

export interface AdminCaller {
  /** The admin's Entra object id. */
  readonly id: string;
  readonly lang: Lang;
}

/** Runs an admin command (the Teams edge has checked that the caller is an admin). */
export function adminCommands({ kb, owners, store, reload, policy, now }: AdminDeps) {
  return async (command: AdminCommandName, caller: AdminCaller): Promise<{ readonly text: string } | { readonly card: RenderedCard }> => {
    switch (command) {
      case 'upcoming':
        return { text: upcomingReport(kb(), owners, policy, now(), caller.lang) };
      case 'status':
        return { text: statusReport(kb(), await store.listReminders({ limit: 5000 }), await store.listAcknowledgements(), caller.lang) };
      case 'reload':
        return { text: reloadReport(await reload(), caller.lang) };
      case 'test':
        return { card: testReminder(kb(), owners, caller, now(), policy.timeZone) };
    }
  };
}

/**
 * A reminder card for an admin to see what owners get. Its buttons name a
 * "test:" owner, so pressing them records nothing against a real owner.
 */
function testReminder(kb: KnowledgeBase, owners: DeadlineOwners, caller: AdminCaller, at: Date, timeZone: string): RenderedCard {
  const deadline = kb.deadlines.find((d) => d.recurrence === 'yearly') ?? kb.deadlines[0];
  const occurrence = deadline && testOccurrence(kb, deadline.id, at, timeZone);
  const rendered =
    deadline && occurrence
      ? renderReminder(
          kb,
          owners,
          { deadlineId: deadline.id, occurrence, owner: `test:${caller.id}`, role: 'test', stage: 'test' },
          { lang: caller.lang, timeZone, now: at, state: { kind: 'open' } },
        )
      : undefined;
  if (!rendered) throw new Error('the knowledge base has no deadline to show in a test reminder');
  return rendered;
}
