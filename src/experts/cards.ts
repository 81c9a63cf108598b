// The cards of "Ask an expert": the question as the experts' channel sees it
// (open → claimed → answered → delivered or undeliverable, with Tag den and
// Send svar while it is open), and the expert's answer as the asker gets it.
// The layouts live in cards/expert-question.json and cards/expert-answer.json;
// this file maps a model to each template's data. Pure: times are formatted in
// the model's time zone. Every text a person wrote goes through `inert`.
import { z } from 'zod';
import { loadTemplate } from '../cards/render';
import type { AdaptiveCard, RenderedCard } from '../kernel/card';
import { localTime } from '../kernel/dates';
import { date } from '../kernel/format';
import type { Lang } from '../kernel/lang';
import { MAX_ANSWER_CHARS, type ExpertQuestion } from '../storage/expert-store';
import { inert } from '../cards/safe-text';

// What the buttons send. Action.Execute arrives as an adaptiveCard/action invoke
// whose value is { action: { type, verb, data } } with the inputs' values merged
// into data; its Action.Submit fallback arrives as a message whose value is the
// data (inputs merged) with `action` beside it. Both parse to the same thing.
// Unknown keys (Teams adds `trigger`, may add `msteams`) are stripped.
const QuestionId = z.coerce.number().int().positive();
// An empty input arrives as "" or not at all; either means "not given".
const Optional = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s));
const ClaimData = z.object({ questionId: QuestionId });
const AnswerData = z.object({ questionId: QuestionId, answer: z.string().max(MAX_ANSWER_CHARS * 2).optional(), recordId: Optional.pipe(z.string().max(200).optional()) });
const RateData = z.object({ questionId: QuestionId, rating: z.enum(['up', 'down']) });
// Spørg en ekspert names the answer the bot gave; the store knows its question.
const AskData = z.object({ answerId: z.string().min(1).max(200) });

const execute = <V extends string, D extends z.ZodObject>(verb: V, data: D) =>
  z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.literal(verb), data }) });

export const ExpertAction = z.union([
  AskData.extend({ action: z.literal('expert.ask') }),
  ClaimData.extend({ action: z.literal('expert.claim') }),
  AnswerData.extend({ action: z.literal('expert.answer') }),
  RateData.extend({ action: z.literal('expert.rate') }),
  execute('expert.ask', AskData).transform(({ action }) => ({ ...action.data, action: action.verb })),
  execute('expert.claim', ClaimData).transform(({ action }) => ({ ...action.data, action: action.verb })),
  execute('expert.answer', AnswerData).transform(({ action }) => ({ ...action.data, action: action.verb })),
  execute('expert.rate', RateData).transform(({ action }) => ({ ...action.data, action: action.verb })),
]);
export type ExpertAction = z.output<typeof ExpertAction>;

const LABELS = {
  da: {
    askedBy: 'Spurgt af',
    botAnswered: 'Assistenten svarede',
    answer: 'Svar',
    answerField: 'Dit svar (sendes til spørgeren)',
    answerPlaceholder: 'Skriv svaret her',
    recordField: 'Hører svaret til en eksisterende post? (valgfrit)',
    recordPlaceholder: 'Postens id, fx exit-kk',
    claim: 'Tag den',
    send: 'Send svar',
    answerEyebrow: 'Svar fra Team Sikker By',
    answeredBy: 'Besvaret af',
    feedbackPrompt: 'Var svaret nyttigt?',
    helpful: 'Nyttigt',
    notHelpful: 'Ikke nyttigt',
    thanks: 'Tak for din feedback.',
  },
  en: {
    askedBy: 'Asked by',
    botAnswered: 'The assistant answered',
    answer: 'Answer',
    answerField: 'Your answer (sent to the person who asked)',
    answerPlaceholder: 'Write the answer here',
    recordField: 'Does the answer belong to an existing record? (optional)',
    recordPlaceholder: "The record's id, e.g. exit-kk",
    claim: 'Take it',
    send: 'Send answer',
    answerEyebrow: 'Answer from Team Sikker By',
    answeredBy: 'Answered by',
    feedbackPrompt: 'Was this helpful?',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    thanks: 'Thank you for your feedback.',
  },
} as const;

const eyebrow = (id: number, lang: Lang) => (lang === 'da' ? `Spørgsmål nr. ${id} til Team Sikker By` : `Question no. ${id} for Team Sikker By`);

export interface ExpertCardOptions {
  readonly lang: Lang;
  readonly timeZone: string;
}

/** "1. december 2026 kl. 21.05" / "1 December 2026 at 21:05". */
export function dateTime(at: Date, { lang, timeZone }: ExpertCardOptions): string {
  const t = localTime(at, timeZone);
  return lang === 'da' ? `${date(t.date, lang)} kl. ${t.hour}.${t.minute}` : `${date(t.date, lang)} at ${t.hour}:${t.minute}`;
}

type StatusColor = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

function status(q: ExpertQuestion, options: ExpertCardOptions): { text: string; color: StatusColor; style: string } {
  const da = options.lang === 'da';
  const by = (p: { name: string }, at: Date) => `${inert(p.name)}, ${dateTime(at, options)}`;
  const answered = q.answer && by(q.answer.by, q.answer.at);
  switch (q.status) {
    case 'open':
      return { text: da ? 'Åben: ingen har taget den endnu' : 'Open: nobody has taken it yet', color: 'Accent', style: 'emphasis' };
    case 'claimed': {
      const who = q.claim ? by(q.claim.by, q.claim.at) : '';
      return { text: da ? `Taget af ${who}` : `Taken by ${who}`, color: 'Warning', style: 'warning' };
    }
    case 'answered':
      return { text: da ? `Besvaret af ${answered}. Svaret sendes til spørgeren.` : `Answered by ${answered}. The answer is being sent.`, color: 'Default', style: 'emphasis' };
    case 'delivered':
      return { text: da ? `Besvaret af ${answered}. Spørgeren har fået svaret.` : `Answered by ${answered}. The person who asked has the answer.`, color: 'Good', style: 'good' };
    case 'undeliverable':
      return {
        text: da
          ? `Besvaret af ${answered}. Svaret kunne ikke leveres: spørgeren har måske forladt samtalen eller fjernet assistenten. Kontakt dem direkte.`
          : `Answered by ${answered}. The answer could not be delivered: the person may have left the conversation or removed the assistant. Please contact them directly.`,
        color: 'Attention',
        style: 'attention',
      };
  }
}

const templates = {
  question: loadTemplate('expert-question.json'),
  answer: loadTemplate('expert-answer.json'),
  offer: loadTemplate('expert-offer.json'),
};

const OFFER = {
  da: {
    offer: 'Fik du ikke det svar, du søgte? Team Sikker By kan svare dig.',
    note: 'Dit spørgsmål og dit navn sendes til Team Sikker By, som svarer dig her.',
    askExpert: 'Spørg en ekspert',
  },
  en: {
    offer: 'Not the answer you were looking for? Team Sikker By can answer you.',
    note: 'Your question and your name go to Team Sikker By, who answer you here.',
    askExpert: 'Ask an expert',
  },
} as const;

/** After a 👎: Spørg en ekspert, for the question of the answer rated. */
export function renderExpertOfferCard(answerId: string, lang: Lang): RenderedCard {
  const card = templates.offer.expand({ $root: { answerId, labels: OFFER[lang] } }) as AdaptiveCard;
  return { card, summary: OFFER[lang].offer };
}

/** The card in the experts' channel, in the question's current state; `notice` tells the presser why nothing changed. */
export function renderExpertQuestionCard(q: ExpertQuestion, options: ExpertCardOptions, notice?: string): RenderedCard {
  const labels = LABELS[options.lang];
  const open = q.status === 'open' || q.status === 'claimed';
  const target = { questionId: q.id };
  // Every field the template binds is always present: an unbound ${x} would stay in the card as text.
  const data = {
    eyebrow: eyebrow(q.id, options.lang),
    question: inert(q.question),
    asker: inert(q.asker.name),
    askedAt: dateTime(q.askedAt, options),
    botAnswer: { show: q.botAnswer !== undefined, text: inert(q.botAnswer ?? '–') },
    status: status(q, options),
    notice: { show: notice !== undefined, text: notice ?? '–' },
    answer: { show: q.answer !== undefined, text: inert(q.answer?.text ?? '–') },
    claim: { show: q.status === 'open', data: target, submit: { ...target, action: 'expert.claim' } },
    form: { show: open, maxLength: MAX_ANSWER_CHARS, data: target, submit: { ...target, action: 'expert.answer' } },
    labels,
  };
  const card = templates.question.expand({ $root: data }) as AdaptiveCard;
  return { card, summary: `${data.eyebrow}: ${data.status.text}` };
}

export interface AnswerCardModel {
  readonly questionId: number;
  readonly question: string;
  readonly answer: string;
  readonly expert: string;
  readonly answeredAt: Date;
  /** Set once the asker rated it: thanks replace the buttons. */
  readonly rated?: 'up' | 'down';
}

/** The expert's answer as the asker gets it, with 👍 / 👎. */
export function renderExpertAnswerCard(model: AnswerCardModel, options: ExpertCardOptions): RenderedCard {
  const labels = LABELS[options.lang];
  const rate = (rating: 'up' | 'down') => ({ questionId: model.questionId, rating });
  const data = {
    question: inert(model.question),
    answer: inert(model.answer),
    expert: inert(model.expert),
    answeredAt: dateTime(model.answeredAt, options),
    feedback: {
      show: model.rated === undefined,
      up: rate('up'),
      down: rate('down'),
      upSubmit: { ...rate('up'), action: 'expert.rate' },
      downSubmit: { ...rate('down'), action: 'expert.rate' },
    },
    labels: { ...labels, eyebrow: labels.answerEyebrow },
  };
  const card = templates.answer.expand({ $root: data }) as AdaptiveCard;
  const summary = options.lang === 'da' ? `Svar fra Team Sikker By: ${model.question}` : `Answer from Team Sikker By: ${model.question}`;
  return { card, summary: summary.length > 200 ? `${summary.slice(0, 199)}…` : summary };
}
