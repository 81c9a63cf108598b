// Deadline reminders and the team lead's weekly digest as Adaptive Cards. The
// layout lives in cards/reminder.json and cards/digest.json; this file maps a
// model to each template's data and expands it. Pure: times are formatted in
// the model's time zone (TIME_ZONE) from the Dates in the model, never from a clock.
import { z } from 'zod';
import type { AdaptiveCard, RenderedCard } from '../kernel/card';
import { Lang } from '../kernel/lang';
import { isTimeZone, localDate, localTime } from '../kernel/dates';
import { date } from '../kernel/format';
import { loadTemplate } from './render';
import { cardText, personText } from './safe-text';

/** What the Udsæt button promises; the Teams edge snoozes by this much. */
export const REMINDER_SNOOZE_DAYS = 3;

/** How far ahead the weekly digest looks, unless its model says otherwise. */
export const DIGEST_HORIZON_DAYS = 60;

// Ids become parts of the '|'-separated reminder keys, so they cannot contain '|'.
const KeyPart = z.string().regex(/^[^|]+$/, 'a non-empty string without "|"').max(1000);
const LocalDate = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });
const Text = z.string().trim().min(1);
// The outbox stores the model as JSON, where a Date comes back as an ISO string.
const Instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

const ReminderKind = z.enum(['midterm-status', 'effect-follow-up', 'funding-end']);
type ReminderKind = z.infer<typeof ReminderKind>;

const ReminderCardRole = z.enum(['owner', 'team-lead', 'fallback', 'test']);
type ReminderCardRole = z.infer<typeof ReminderCardRole>;

export const ReminderCardState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('reported'), by: Text, at: Instant }),
  z.object({ kind: z.literal('snoozed'), until: Instant }),
  /** The owner could not be reached in Teams; the reader may act for them. */
  z.object({ kind: z.literal('unreachable-owner'), owner: Text }),
]);
export type ReminderCardState = z.infer<typeof ReminderCardState>;

export const ReminderCardModel = z.object({
  lang: Lang,
  /** Where the card's times are shown as wall-clock times (TIME_ZONE). */
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Copenhagen'),
  deadlineId: KeyPart,
  /** The due date of this occurrence. */
  occurrence: LocalDate,
  /** The owner's recipient id as in the reminder's key; the buttons carry it so a team lead acts for the right owner. */
  owner: KeyPart.optional(),
  title: Text,
  kind: ReminderKind,
  /** Whole days from today to the due date; negative when overdue. */
  daysLeft: z.int(),
  /** 'lead-30', 'due', 'overdue', 'snooze-<ISO time>', 'test'. */
  stage: Text,
  role: ReminderCardRole,
  /** The owner as the deployment names them (OWNERS_FILE), else their id; absent: no owner is set for the deadline. */
  ownerName: Text.optional(),
  /** Display names of what the deadline belongs to. */
  concerns: z.object({ strategy: Text.optional(), principle: Text.optional(), initiative: Text.optional() }),
  /** What the source says about the date, in Danish whatever `lang` is. */
  dueNote: z.string().optional(),
  sourceTitle: Text,
  /** Already formatted, e.g. "7. marts 2023". */
  sourceDate: Text,
  state: ReminderCardState,
});
export type ReminderCardModel = z.infer<typeof ReminderCardModel>;

const DigestItemStatus = z.enum(['reported', 'open', 'overdue', 'snoozed']);
type DigestItemStatus = z.infer<typeof DigestItemStatus>;

export const DigestCardModel = z.object({
  lang: Lang,
  teamLeadName: Text.optional(),
  /** ISO week, e.g. '2026-W48'. */
  week: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, "expected an ISO week such as '2026-W48'"),
  items: z.array(
    z.object({
      title: Text,
      due: LocalDate,
      daysLeft: z.int(),
      owner: Text,
      status: DigestItemStatus,
      reportedBy: Text.optional(),
    }),
  ),
  /** Only for the text shown when there are no items; DIGEST_HORIZON_DAYS when absent. */
  horizonDays: z.int().positive().optional(),
});
export type DigestCardModel = z.infer<typeof DigestCardModel>;

// What the Indberettet and Udsæt buttons send. Action.Execute arrives as an
// adaptiveCard/action invoke whose value is { action: { type, verb, data } };
// its Action.Submit fallback arrives as a message whose value is the data with
// `action` beside it. Both parse to the same thing. Unknown keys (Teams adds
// `trigger`, may add `msteams`) are stripped, not rejected.
const ReminderVerb = z.enum(['reminder.reported', 'reminder.snooze']);
type ReminderVerb = z.infer<typeof ReminderVerb>;
const ReminderTarget = z.object({ deadlineId: KeyPart, occurrence: LocalDate, owner: KeyPart.optional() });
const ReminderSubmitValue = ReminderTarget.extend({ action: ReminderVerb });
const ReminderExecuteValue = z
  .object({ action: z.object({ type: z.literal('Action.Execute'), verb: ReminderVerb, data: ReminderTarget }) })
  .transform(({ action: { verb, data } }) => ({ action: verb, ...data }));
export const ReminderAction = z.union([ReminderSubmitValue, ReminderExecuteValue]);
export type ReminderAction = z.output<typeof ReminderAction>;

type ReminderTarget = z.infer<typeof ReminderTarget>;

const LABELS = {
  da: {
    reminder: 'Påmindelse om frist',
    testReminder: 'Testpåmindelse',
    due: 'Frist',
    daysLeft: 'Dage tilbage',
    concerns: 'Vedrører',
    owner: 'Ejer',
    noOwner: 'Ingen ejer er sat op for denne frist',
    source: 'Kilde',
    reported: 'Indberettet',
    snooze: `Udsæt ${REMINDER_SNOOZE_DAYS} dage`,
    openStrategy: 'Åbn strategien',
    contact: 'Kontakt Team Sikker By',
  },
  en: {
    reminder: 'Deadline reminder',
    testReminder: 'Test reminder',
    due: 'Due date',
    daysLeft: 'Days left',
    concerns: 'Concerns',
    owner: 'Owner',
    noOwner: 'No owner is set for this deadline',
    source: 'Source',
    reported: 'Reported',
    snooze: `Snooze ${REMINDER_SNOOZE_DAYS} days`,
    openStrategy: 'Open the strategy',
    contact: 'Contact Team Sikker By',
  },
} as const satisfies Record<Lang, Record<string, string>>;

const QUESTIONS = {
  da: { strategy: 'Fortæl om Sikker By-strategien 2022-2025', contact: 'Hvem koordinerer Sikker By?' },
  en: { strategy: 'Tell me about the Sikker By strategy 2022-2025', contact: 'Who coordinates Sikker By?' },
} as const satisfies Record<Lang, Record<string, string>>;

// No source says to whom a report goes (001: the steering group discusses it before the
// Økonomiudvalg sees it), so the task names no recipient.
const TASK: Record<Lang, Record<ReminderKind, string>> = {
  da: {
    'midterm-status': 'Husk at indberette midtvejsstatussen.',
    'effect-follow-up': 'Husk at indberette effektopfølgningen.',
    'funding-end': 'Finansieringen udløber. Husk at afklare, hvad der skal ske med indsatsen.',
  },
  en: {
    'midterm-status': 'Please report the midterm status.',
    'effect-follow-up': 'Please report the effect follow-up.',
    'funding-end': 'The funding ends. Please decide what happens to the initiative.',
  },
};

// Stands in for an empty table cell: an empty TextBlock is invalid.
const EMPTY = '–';

type StatusColor = 'Default' | 'Good' | 'Warning' | 'Attention';

interface ReminderCardData {
  readonly eyebrow: string;
  readonly title: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly text: string;
  readonly status: { readonly text: string; readonly color: StatusColor };
  readonly dueNote: string;
  readonly sourceTitle: string;
  readonly sourceDate: string;
  readonly decision: {
    readonly show: boolean;
    readonly data: ReminderTarget;
    readonly reportedValue: ReminderTarget & { readonly action: 'reminder.reported' };
    readonly snoozeValue: ReminderTarget & { readonly action: 'reminder.snooze' };
  };
  readonly questions: (typeof QUESTIONS)[Lang];
  readonly labels: (typeof LABELS)[Lang];
}

interface DigestCardData {
  readonly heading: string;
  readonly intro: string;
  readonly rows: readonly { readonly title: string; readonly date: string; readonly owner: string; readonly status: string; readonly statusColor: StatusColor }[];
  readonly labels: { readonly deadline: string; readonly date: string; readonly owner: string; readonly status: string; readonly none: string };
}

const templates = {
  reminder: loadTemplate('reminder.json'),
  digest: loadTemplate('digest.json'),
};

export function renderReminderCard(model: ReminderCardModel): RenderedCard {
  const card = templates.reminder.expand({ $root: reminderCardData(model) }) as AdaptiveCard;
  return { card, summary: reminderSummary(model) };
}

/** "Påmindelse: Midtvejsstatus – frist 1. oktober 2026 (om 14 dage)". */
export function reminderSummary(model: ReminderCardModel): string {
  const { lang, title, occurrence, daysLeft, state } = model;
  const due = date(occurrence, lang);
  const da = lang === 'da';
  switch (state.kind) {
    case 'reported':
      return da ? `Indberettet: ${title} – frist ${due}` : `Reported: ${title} – due ${due}`;
    case 'snoozed': {
      const until = date(localDate(state.until, model.timeZone), lang);
      return da ? `Udsat til ${until}: ${title} – frist ${due}` : `Snoozed until ${until}: ${title} – due ${due}`;
    }
    case 'open':
    case 'unreachable-owner': {
      const prefix = isTest(model)
        ? LABELS[lang].testReminder
        : model.role === 'team-lead' ? (da ? 'Ikke indberettet' : 'Not reported') : da ? 'Påmindelse' : 'Reminder';
      return da ? `${prefix}: ${title} – frist ${due} (${relative(daysLeft, lang)})` : `${prefix}: ${title} – due ${due} (${relative(daysLeft, lang)})`;
    }
  }
}

export function renderDigestCard(model: DigestCardModel): RenderedCard {
  const card = templates.digest.expand({ $root: digestCardData(model) }) as AdaptiveCard;
  return { card, summary: digestSummary(model) };
}

/** "Ugens frister, uge 48: 3 frister, 1 overskredet". */
export function digestSummary(model: DigestCardModel): string {
  const { lang, items } = model;
  const week = weekNumber(model.week);
  const overdue = items.filter((item) => item.status === 'overdue').length;
  const horizon = model.horizonDays ?? DIGEST_HORIZON_DAYS;
  if (lang === 'da') {
    if (items.length === 0) return `Ugens frister, uge ${week}: ingen frister de næste ${horizon} dage`;
    const count = `${items.length} ${items.length === 1 ? 'frist' : 'frister'}`;
    return `Ugens frister, uge ${week}: ${count}${overdue > 0 ? `, ${overdue} overskredet` : ''}`;
  }
  if (items.length === 0) return `Deadlines, week ${week}: no deadlines in the next ${horizon} days`;
  const count = `${items.length} ${items.length === 1 ? 'deadline' : 'deadlines'}`;
  return `Deadlines, week ${week}: ${count}${overdue > 0 ? `, ${overdue} overdue` : ''}`;
}

// Every field the templates bind is always present: an unbound ${x} would stay in the card as text.
function reminderCardData(model: ReminderCardModel): ReminderCardData {
  const { lang, deadlineId, occurrence, owner, state } = model;
  const labels = LABELS[lang];
  const target: ReminderTarget = { deadlineId, occurrence, ...(owner !== undefined ? { owner } : {}) };
  const concerns = [model.concerns.strategy, model.concerns.principle, model.concerns.initiative].filter(isNotBlank);
  return {
    eyebrow: isTest(model) ? labels.testReminder : labels.reminder,
    // Card text is escaped (src/cards/safe-text.ts); what names a person is also kept from becoming a link.
    title: cardText(model.title),
    facts: [
      { label: labels.due, value: date(occurrence, lang) },
      { label: labels.daysLeft, value: daysLeftFact(model.daysLeft, lang) },
      ...(concerns.length > 0 ? [{ label: labels.concerns, value: cardText(concerns.join(' › ')) }] : []),
      { label: labels.owner, value: model.ownerName === undefined ? labels.noOwner : personText(model.ownerName) },
    ],
    text: personText(reminderText(model)),
    status: statusLine(state, lang, model.timeZone),
    dueNote: cardText(model.dueNote?.trim() ?? ''),
    sourceTitle: cardText(model.sourceTitle),
    // Formatted by us, mid-line ("Kilde: …, 7. marts 2023"): no list can start there.
    sourceDate: model.sourceDate,
    decision: {
      // Once reported or snoozed there is nothing left to decide on this card.
      show: state.kind === 'open' || state.kind === 'unreachable-owner',
      data: target,
      reportedValue: { ...target, action: 'reminder.reported' },
      snoozeValue: { ...target, action: 'reminder.snooze' },
    },
    questions: QUESTIONS[lang],
    labels,
  };
}

function reminderText(model: ReminderCardModel): string {
  const { lang, daysLeft, kind } = model;
  const da = lang === 'da';
  const ownerName = model.ownerName ?? (da ? 'Ejeren' : 'The owner');
  if (isTest(model)) {
    return da
      ? 'Dette er en testpåmindelse. Den viser, hvordan en påmindelse ser ud; du skal ikke gøre noget.'
      : 'This is a test reminder. It shows what a reminder looks like; you do not need to do anything.';
  }
  const when = deadlineSentence(daysLeft, lang);
  switch (model.role) {
    case 'team-lead':
      if (daysLeft < 0) {
        return da
          ? `${ownerName} har endnu ikke indberettet, og fristen er overskredet med ${days(-daysLeft, lang)}. Følg gerne op med ejeren.`
          : `${ownerName} has not reported yet, and the deadline passed ${days(-daysLeft, lang)} ago. Please follow up with the owner.`;
      }
      return da ? `${ownerName} har endnu ikke indberettet. ${when}` : `${ownerName} has not reported yet. ${when}`;
    case 'fallback':
      return da
        ? `Ejeren, ${ownerName}, kunne ikke nås i Teams, så påmindelsen går til dig. ${when} Giv den gerne videre.`
        : `The owner, ${ownerName}, could not be reached in Teams, so this reminder comes to you. ${when} Please pass it on.`;
    default: {
      const again = model.stage.startsWith('snooze-') ? (da ? 'Du bad om at blive mindet om det igen. ' : 'You asked to be reminded again. ') : '';
      return `${again}${when} ${TASK[lang][kind]}`;
    }
  }
}

function deadlineSentence(daysLeft: number, lang: Lang): string {
  if (lang === 'da') {
    if (daysLeft === 0) return 'Fristen er i dag.';
    return daysLeft > 0 ? `Fristen er om ${days(daysLeft, lang)}.` : `Fristen er overskredet med ${days(-daysLeft, lang)}.`;
  }
  if (daysLeft === 0) return 'The deadline is today.';
  return daysLeft > 0 ? `The deadline is in ${days(daysLeft, lang)}.` : `The deadline passed ${days(-daysLeft, lang)} ago.`;
}

function statusLine(state: ReminderCardState, lang: Lang, timeZone: string): ReminderCardData['status'] {
  const { text, color } = statusOf(state, lang, timeZone);
  return { text: personText(text), color };
}

function statusOf(state: ReminderCardState, lang: Lang, timeZone: string): ReminderCardData['status'] {
  const da = lang === 'da';
  switch (state.kind) {
    case 'open':
      return { text: '', color: 'Default' };
    case 'reported':
      return {
        text: da ? `✅ Markeret som indberettet af ${state.by} ${dateTime(state.at, lang, timeZone)}` : `✅ Marked as reported by ${state.by} on ${dateTime(state.at, lang, timeZone)}`,
        color: 'Good',
      };
    case 'snoozed':
      return { text: da ? `Udsat til ${date(localDate(state.until, timeZone), lang)}` : `Snoozed until ${date(localDate(state.until, timeZone), lang)}`, color: 'Default' };
    case 'unreachable-owner':
      return {
        text: da
          ? `⚠️ ${state.owner} kunne ikke nås i Teams. Giv gerne påmindelsen videre.`
          : `⚠️ ${state.owner} could not be reached in Teams. Please pass the reminder on.`,
        color: 'Warning',
      };
  }
}

function digestCardData(model: DigestCardModel): DigestCardData {
  const { lang } = model;
  const da = lang === 'da';
  const week = weekNumber(model.week);
  const horizon = model.horizonDays ?? DIGEST_HORIZON_DAYS;
  const greeting = model.teamLeadName === undefined ? '' : da ? `Hej ${model.teamLeadName}. ` : `Hi ${model.teamLeadName}. `;
  // Earliest first, so what is overdue comes at the top; the sort is stable for equal dates.
  const items = [...model.items].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return {
    heading: da ? `Ugens frister for dit team (uge ${week})` : `Your team's deadlines this week (week ${week})`,
    intro: personText(greeting + (da ? 'Her er status for dit teams frister.' : "Here is the status of your team's deadlines.")),
    rows: items.map((item) => {
      const { status, statusColor } = digestStatus(item, lang);
      return { title: cardText(orEmptyMark(item.title)), date: date(item.due, lang), owner: personText(orEmptyMark(item.owner)), status: personText(status), statusColor };
    }),
    labels: da
      ? { deadline: 'Frist', date: 'Dato', owner: 'Ejer', status: 'Status', none: `Ingen frister de næste ${horizon} dage` }
      : { deadline: 'Deadline', date: 'Date', owner: 'Owner', status: 'Status', none: `No deadlines in the next ${horizon} days` },
  };
}

type DigestItem = DigestCardModel['items'][number];

function digestStatus(item: DigestItem, lang: Lang): { status: string; statusColor: StatusColor } {
  const da = lang === 'da';
  switch (item.status) {
    case 'reported': {
      const by = item.reportedBy?.trim();
      const status = da ? 'Indberettet' : 'Reported';
      return { status: `✅ ${status}${by ? (da ? ` af ${by}` : ` by ${by}`) : ''}`, statusColor: 'Good' };
    }
    case 'overdue':
      return {
        status: item.daysLeft < 0 ? `⚠️ ${capitalize(relative(item.daysLeft, lang))}` : da ? '⚠️ Overskredet' : '⚠️ Overdue',
        statusColor: 'Attention',
      };
    case 'open':
      return { status: `${da ? 'Åben' : 'Open'}, ${relative(item.daysLeft, lang)}`, statusColor: item.daysLeft < 0 ? 'Attention' : 'Default' };
    case 'snoozed':
      return { status: `${da ? 'Udsat' : 'Snoozed'}, ${relative(item.daysLeft, lang)}`, statusColor: 'Default' };
  }
}

function isTest(model: ReminderCardModel): boolean {
  return model.role === 'test' || model.stage === 'test';
}

/** The FactSet value: "14 dage", "i dag", "overskredet med 3 dage". */
function daysLeftFact(daysLeft: number, lang: Lang): string {
  if (daysLeft === 0) return lang === 'da' ? 'i dag' : 'today';
  if (daysLeft > 0) return days(daysLeft, lang);
  return relative(daysLeft, lang);
}

/** "om 14 dage", "i dag", "overskredet med 3 dage" (English: "in 14 days", "today", "3 days overdue"). */
function relative(daysLeft: number, lang: Lang): string {
  if (lang === 'da') {
    if (daysLeft === 0) return 'i dag';
    return daysLeft > 0 ? `om ${days(daysLeft, lang)}` : `overskredet med ${days(-daysLeft, lang)}`;
  }
  if (daysLeft === 0) return 'today';
  return daysLeft > 0 ? `in ${days(daysLeft, lang)}` : `${days(-daysLeft, lang)} overdue`;
}

function days(n: number, lang: Lang): string {
  if (lang === 'da') return `${n} ${n === 1 ? 'dag' : 'dage'}`;
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** "3. oktober 2026 kl. 14.05" / "3 October 2026 at 14:05", local time. */
function dateTime(instant: Date, lang: Lang, timeZone: string): string {
  const w = localTime(instant, timeZone);
  return lang === 'da' ? `${date(w.date, lang)} kl. ${w.hour}.${w.minute}` : `${date(w.date, lang)} at ${w.hour}:${w.minute}`;
}

function weekNumber(isoWeek: string): number {
  return Number(isoWeek.slice(isoWeek.indexOf('W') + 1));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isNotBlank(s: string | undefined): s is string {
  return s !== undefined && s.trim().length > 0;
}

function orEmptyMark(s: string): string {
  return isNotBlank(s) ? s : EMPTY;
}
