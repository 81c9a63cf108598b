// Answers as Adaptive Cards. The layout lives in the JSON templates in cards/
// (open them in the Adaptive Cards designer); this file maps an Answer to each
// template's data and expands it. Pure: the templates are read once at load.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { z } from 'zod';
import type { AdaptiveCard } from '../kernel/card';
import type { Lang } from '../kernel/lang';
import type { Answer } from '../answering/answer';
import { cardText } from './safe-text';

// What the cards' buttons submit; Teams delivers it as the message activity's `value`.
// Unknown keys (Teams may pass `msteams` through) are stripped, not rejected.
const AskAction = z.object({
  action: z.literal('ask'),
  question: z.string().trim().min(1).max(1000),
});
const FeedbackRating = z.enum(['up', 'down']);
type FeedbackRating = z.infer<typeof FeedbackRating>;
const FeedbackAction = z.object({
  action: z.literal('feedback'),
  rating: FeedbackRating,
  answerId: z.string().min(1).max(200),
});
export const CardAction = z.discriminatedUnion('action', [AskAction, FeedbackAction]);
export type CardAction = z.infer<typeof CardAction>;

export interface AnswerCardOptions {
  /** Comes back in the feedback buttons' payload so a rating can be tied to this answer. */
  readonly answerId: string;
  /** Set when re-rendering the card (updateActivity) after a rating: thanks replaces the buttons. */
  readonly feedbackGiven?: FeedbackRating;
  /** Offer "Spørg en ekspert" (the bot could not answer, or asked "Mente du …?"); its button carries the answer's id. */
  readonly offerExpert?: boolean;
  /**
   * The question answered, shown small above the answer: a question asked with a
   * click leaves no message of the person's in the chat, so the card says what it answers.
   */
  readonly question?: string;
}

const LABELS = {
  da: {
    source: 'Kilde',
    followUps: 'Du kan også spørge:',
    askExpert: 'Spørg en ekspert',
    askExpertNote: 'Dit spørgsmål og dit navn sendes til Team Sikker By, som svarer dig her.',
    feedbackPrompt: 'Var svaret nyttigt?',
    helpful: 'Nyttigt',
    notHelpful: 'Ikke nyttigt',
    thanks: 'Tak for din feedback.',
    asked: 'Du spurgte',
    capabilities: 'Det kan jeg hjælpe med',
    examples: 'Prøv for eksempel at spørge:',
    tour: 'Kom godt i gang med Sikker By',
  },
  en: {
    source: 'Source',
    followUps: 'You can also ask:',
    askExpert: 'Ask an expert',
    askExpertNote: 'Your question and your name go to Team Sikker By, who answer you here.',
    feedbackPrompt: 'Was this helpful?',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    thanks: 'Thank you for your feedback.',
    asked: 'You asked',
    capabilities: 'What I can help with',
    examples: 'Try asking:',
    tour: 'Getting started with Sikker By',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** For a plain text reply to a rating when the card itself cannot be updated. */
export function feedbackThanksText(lang: Lang): string {
  return LABELS[lang].thanks;
}

/** The one-line text for notifications and clients without cards (the activity's `summary`). */
export function cardSummary(answer: Answer): string {
  return answer.summary;
}

// Teams shows at most six buttons in a set; the designer's default host allows five.
const MAX_BUTTONS = 5;
// Stands in for an empty table cell or fact value: an empty TextBlock is invalid.
const EMPTY = '–';

interface AnswerCardData {
  readonly asked: string;
  readonly title: string;
  readonly text: string;
  readonly warnings: readonly string[];
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly table: { readonly header: readonly string[]; readonly rows: readonly { readonly cells: readonly string[] }[] } | null;
  readonly citations: readonly { readonly title: string; readonly date: string; readonly ageWarning: string }[];
  readonly suggestions: readonly { readonly label: string; readonly question: string; readonly text: string }[];
  readonly followUps: readonly { readonly question: string; readonly text: string }[];
  readonly feedback: { readonly show: boolean; readonly answerId: string; readonly thanks: string };
  readonly expert: { readonly show: boolean; readonly answerId: string };
  readonly labels: (typeof LABELS)[Lang];
}

interface WelcomeCardData {
  readonly title: string;
  readonly text: string;
  readonly capabilities: readonly { readonly label: string; readonly value: string }[];
  readonly warnings: readonly string[];
  readonly examples: readonly { readonly question: string; readonly text: string }[];
  readonly labels: (typeof LABELS)[Lang];
}

// Every field the templates bind is always present: an unbound ${x} would stay in the card as text.
function answerCardData(answer: Answer, { answerId, feedbackGiven, offerExpert = false, question }: AnswerCardOptions): AnswerCardData {
  const labels = LABELS[answer.lang];
  return {
    asked: question?.trim() ? cardText(question.trim()) : '',
    title: cardText(answer.title),
    // The one field that is markdown by contract (Answer.text); its composer escapes what it quotes.
    text: answer.text.trim(),
    warnings: answer.warnings.filter(isNotBlank).map(cardText),
    facts: answer.facts.map(({ label, value }) => ({ label: cardText(label), value: cardText(orEmptyMark(value)) })),
    table: tableData(answer.table),
    // The date is ours ("7. marts 2023") and sits mid-line, where "7." starts no list.
    citations: answer.citations.map(({ title, date, ageWarning }) => ({ title: cardText(title), date, ageWarning: cardText(ageWarning?.trim() ?? '') })),
    suggestions: answer.suggestions.filter((s) => isNotBlank(s.question)).slice(0, MAX_BUTTONS).map(({ label, question }) => ({ label, question, text: cardText(label) })),
    followUps: askButtons(answer.followUps),
    feedback: { show: feedbackGiven === undefined, answerId, thanks: feedbackGiven === undefined ? '' : labels.thanks },
    expert: { show: offerExpert, answerId },
    labels,
  };
}

function welcomeCardData(answer: Answer): WelcomeCardData {
  return {
    title: cardText(answer.title),
    text: answer.text.trim(),
    capabilities: answer.facts.map(({ label, value }) => ({ label: cardText(label), value: cardText(value.trim()) })),
    warnings: answer.warnings.filter(isNotBlank).map(cardText),
    examples: askButtons(answer.followUps),
    labels: LABELS[answer.lang],
  };
}

export function renderAnswerCard(answer: Answer, options: AnswerCardOptions): AdaptiveCard {
  const variants = expanded.get(answer) ?? new Map<string, string>();
  expanded.set(answer, variants);
  const variant = JSON.stringify([options.question ?? null, options.feedbackGiven ?? null, options.offerExpert ?? false]);
  let json = variants.get(variant);
  if (json === undefined) {
    json = JSON.stringify(templates.answer.expand({ $root: answerCardData(answer, { ...options, answerId: ANSWER_ID_SLOT }) }));
    if (variants.size >= MAX_VARIANTS) variants.delete(variants.keys().next().value as string);
    variants.set(variant, json);
  }
  // The id as it reads inside a JSON string; the slot only ever stands inside one.
  return JSON.parse(json.replaceAll(ANSWER_ID_SLOT, JSON.stringify(options.answerId).slice(1, -1))) as AdaptiveCard;
}

/*
 * Expanding the template costs more than the rest of a turn whose answer the
 * engine's memo already had, and the memo hands the same (read-only) Answer object
 * to everyone who asks the same: its card differs only in the answer's id. So the
 * expanded card is kept, as JSON, beside the Answer (a WeakMap: it goes when the
 * answer does), with a slot where the id goes, and each turn gets a fresh copy.
 * A few variants per answer (the question shown, a rating, the expert button).
 */
const expanded = new WeakMap<Answer, Map<string, string>>();
const MAX_VARIANTS = 4;
// Random per process, so that no text of a question or an answer can hold it.
const ANSWER_ID_SLOT = `answer-id-${randomUUID()}`;

/** The welcome/help card, from the assistant's help Answer: its facts are what it can do, its follow-ups the examples. */
export function renderWelcomeCard(answer: Answer): AdaptiveCard {
  return templates.welcome.expand({ $root: welcomeCardData(answer) }) as AdaptiveCard;
}

function tableData(table: Answer['table']): AnswerCardData['table'] {
  if (!table || table.rows.length === 0) return null;
  // A Table needs as many cells in every row as it has columns.
  const width = Math.max(table.columns.length, ...table.rows.map((r) => r.length));
  const fill = (cells: readonly string[]) => Array.from({ length: width }, (_, i) => cardText(orEmptyMark(cells[i])));
  return { header: fill(table.columns), rows: table.rows.map((r) => ({ cells: fill(r) })) };
}

/**
 * Questions to ask with a click: each a line of card text (it wraps, so the whole
 * question shows, where a button's title would be cut off) whose selectAction
 * submits it. A plain Action.Submit: the Agents Playground sends nothing for one
 * whose data holds Teams' messageBack or imBack, while Teams and the terminal chat
 * take plain data as they take the tour's buttons.
 */
function askButtons(questions: readonly string[]): { question: string; text: string }[] {
  return questions.filter(isNotBlank).slice(0, MAX_BUTTONS).map((question) => ({ question, text: cardText(question) }));
}

function isNotBlank(s: string): boolean {
  return s.trim().length > 0;
}

function orEmptyMark(s: string | undefined): string {
  return s !== undefined && isNotBlank(s) ? s : EMPTY;
}

const templates = {
  // Prepared at start-up: the first answer should not wait for its card's expressions to be parsed.
  answer: loadTemplate('answer.json', { prepare: 'now' }),
  welcome: loadTemplate('welcome.json'),
};

/** What the card modules use of a template. */
export interface CardTemplate {
  expand(context: { $root: unknown }): unknown;
}

/**
 * A template from cards/, read once; fails with the file's path when it is missing or not JSON. Its
 * expressions are parsed (`new Template`) when it is first expanded, unless `prepare: 'now'`: parsing
 * all nine templates at start-up took about a third of a second, and most cards (reminders, experts,
 * the guide) are seldom shown, each taking a few ms more the first time.
 */
export function loadTemplate(file: string, { prepare = 'first use' }: { prepare?: 'now' | 'first use' } = {}): CardTemplate {
  const full = path.join(cardsDir(), file);
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new Error(`Card template ${full} could not be loaded: ${(err as Error).message}`, { cause: err });
  }
  let template = prepare === 'now' ? new Template(payload) : undefined;
  return {
    expand: (context) => {
      template ??= new Template(payload);
      return template.expand(context);
    },
  };
}

// src/cards under ts-jest and tsx, dist/cards or dist/src/cards once compiled: the
// templates sit in cards/ at the project root, the folder that holds package.json.
function cardsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'cards'))) return path.join(dir, 'cards');
    if (path.dirname(dir) === dir) throw new Error(`No cards/ folder beside a package.json above ${__dirname}`);
  }
}
