// "Kom godt i gang med Sikker By": a guided tour for new employees and a short
// quiz at the end. Every step and question is composed from the knowledge base
// (the same compose functions as the answers), never copied prose, so the tour
// follows the knowledge base when it changes. Pure: the knowledge base, the
// user's progress, the action and today come in; the view and the new
// progress go out. The Teams edge stores the progress and renders the view.
import { z } from 'zod';
import type { Citation } from '../kernel/citation';
import type { Lang } from '../kernel/lang';
import type { Answer } from '../answering/answer';
import * as compose from '../answering/compose';
import { helpAnswer } from '../answering/messages';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { prose } from '../knowledge/translation';
import { cardText } from '../cards/safe-text';
import { quizQuestions, type QuizQuestion } from './quiz';

export const QUIZ_LENGTH = 4;

export const OnboardingProgress = z.object({
  /** The tour step shown last, 0-based. */
  step: z.int().min(0),
  quiz: z
    .object({
      /** Picks the quiz's questions; kept so a resumed quiz asks the same ones. */
      seed: z.int().min(0),
      /** The question to ask next. */
      index: z.int().min(0),
      correct: z.int().min(0),
    })
    .optional(),
});
export type OnboardingProgress = z.infer<typeof OnboardingProgress>;

/** What the tour's and quiz's buttons send back (Action.Submit data). */
export const OnboardingAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('tour.go'), step: z.int().min(0).max(50) }),
  z.object({ action: z.literal('tour.resume') }),
  z.object({ action: z.literal('quiz.start') }),
  z.object({ action: z.literal('quiz.answer'), question: z.int().min(0).max(50), choice: z.int().min(0).max(10) }),
]);
export type OnboardingAction = z.infer<typeof OnboardingAction>;

/** A guide card: a step of the tour, a quiz question, or the quiz's result. */
export interface GuideView {
  readonly lang: Lang;
  /** "Kom godt i gang med Sikker By · trin 2 af 7". */
  readonly eyebrow: string;
  readonly title: string;
  /** Markdown (Adaptive Cards' subset), like Answer.text: anything quoted in it goes through cardText. */
  readonly text: string;
  readonly facts: Answer['facts'];
  readonly table?: Answer['table'];
  readonly citations: readonly Citation[];
  /** Feedback on the answer just given ("Rigtigt!"), with whether it was right. */
  readonly notice?: { readonly text: string; readonly good: boolean };
  readonly buttons: readonly { readonly title: string; readonly data: OnboardingAction }[];
  readonly summary: string;
}

export interface OnboardingContext {
  readonly kb: KnowledgeBase;
  readonly lang: Lang;
  /** Today's local date, YYYY-MM-DD. */
  readonly today: string;
  /** For a new quiz's seed. */
  readonly random: () => number;
}

type StepBuilder = (ctx: compose.ComposeContext) => Answer | undefined;

const byId = <T extends { id: string }>(records: readonly T[], id: string) => records.find((r) => r.id === id);

// The tour's steps, in order. Each is an answer the assistant could also give.
const STEPS: readonly { readonly da: string; readonly en: string; readonly build: StepBuilder }[] = [
  {
    da: 'Hvad er Sikker By, og hvem samarbejder?',
    en: 'What Sikker By is and who cooperates in it',
    build: (ctx) => {
      const o = byId(ctx.kb.organisations, 'sikker-by-samarbejdet');
      return o && compose.organisationAnswer(ctx, o, 'overview');
    },
  },
  {
    da: 'Strategien og dens principper',
    en: 'The strategy and its principles',
    build: (ctx) => {
      const newest = [...ctx.kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
      return newest && compose.principlesOfStrategy(ctx, newest);
    },
  },
  {
    da: 'Fokusområderne',
    en: 'The focus areas',
    build: (ctx) => focusAreasOverview(ctx),
  },
  { da: 'De finansierede indsatser', en: 'The funded initiatives', build: (ctx) => compose.budgetPackageAnswer(ctx) },
  { da: 'Afrapportering og frister', en: 'Reporting and deadlines', build: (ctx) => compose.deadlinesAnswer(ctx) },
  {
    da: 'Hvem du kan kontakte',
    en: 'Whom to contact',
    build: (ctx) => {
      const o = byId(ctx.kb.organisations, 'team-sikker-by');
      return o && compose.organisationAnswer(ctx, o, 'contact');
    },
  },
  { da: 'Sådan spørger du assistenten', en: 'How to ask the assistant', build: (ctx) => helpAnswer(ctx.lang) },
];

export const TOUR_LENGTH = STEPS.length;

/** The fagprincipper of the newest strategy with the focus areas the sources name for each. */
function focusAreasOverview(ctx: compose.ComposeContext): Answer | undefined {
  const newest = [...ctx.kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
  if (!newest) return undefined;
  const principles = ctx.kb.principles.filter((p) => p.strategy === newest.id && p.kind === 'fagprincip');
  const rows = principles.map((p) => {
    const areas = ctx.kb.focusAreas.filter((f) => f.principle === p.id && f.status === 'in-strategy');
    // Where the sources state no count and name no area, the cell says so rather than "0".
    const stated = p.focusAreaCount ?? (areas.length > 0 ? areas.length : undefined);
    const title = (f: (typeof areas)[number]) => prose(f, 'title', ctx.lang)?.text ?? f.title;
    return [prose(p, 'shortName', ctx.lang)?.text ?? p.shortName, stated === undefined ? '–' : String(stated), areas.map(title).join('; ') || '–'];
  });
  const da = ctx.lang === 'da';
  return compose.finish(ctx, {
    title: da ? `Fokusområder i ${newest.name}` : `Focus areas in ${newest.name}`,
    text: da
      ? 'Hvert fagprincip har en række fokusområder. Tabellen viser, hvor mange kilderne angiver, og dem de nævner ved navn.'
      : 'Each principle has a number of focus areas. The table shows how many the sources state, and those they name.',
    table: { columns: da ? ['Fagprincip', 'Antal', 'Fokusområder'] : ['Principle', 'Count', 'Focus areas'], rows },
    sources: [...newest.sources, ...principles.flatMap((p) => p.sources)],
  });
}

const LABELS = {
  da: { tour: 'Kom godt i gang med Sikker By', step: 'trin', of: 'af', next: 'Næste', back: 'Tilbage', quiz: 'Tag quizzen', question: 'spørgsmål', right: 'Rigtigt!', wrong: 'Ikke helt.', answer: 'Det rigtige svar er', score: 'Du fik', correct: 'rigtige', again: 'Tag quizzen igen', restart: 'Start forfra', result: 'Dit resultat' },
  en: { tour: 'Getting started with Sikker By', step: 'step', of: 'of', next: 'Next', back: 'Back', quiz: 'Take the quiz', question: 'question', right: 'Correct!', wrong: 'Not quite.', answer: 'The right answer is', score: 'You got', correct: 'right', again: 'Take the quiz again', restart: 'Start again', result: 'Your result' },
} as const;

/** A choice closing a sentence: "2,7 mio. kr." already ends with its full stop. */
const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

export interface Transition {
  readonly view: GuideView;
  readonly progress: OnboardingProgress;
}

/** Resumes where the user left off (or starts), or follows a button. */
export function onboard(ctx: OnboardingContext, stored: OnboardingProgress | undefined, action: OnboardingAction = { action: 'tour.resume' }): Transition {
  const progress = stored ?? { step: 0 };
  switch (action.action) {
    case 'tour.resume':
      return progress.quiz && progress.quiz.index < QUIZ_LENGTH ? quizStep(ctx, progress, undefined) : tourStep(ctx, progress.step);
    case 'tour.go':
      return tourStep(ctx, Math.min(action.step, TOUR_LENGTH - 1));
    case 'quiz.start':
      return quizStep(ctx, { step: TOUR_LENGTH - 1, quiz: { seed: Math.floor(ctx.random() * 1_000_000), index: 0, correct: 0 } }, undefined);
    case 'quiz.answer': {
      const quiz = progress.quiz;
      // A button of a question already answered (pressed twice, or an old card): show where the user is.
      if (!quiz || action.question !== quiz.index) return quiz ? quizStep(ctx, progress, undefined) : tourStep(ctx, progress.step);
      const question = quizQuestions(ctx, quiz.seed, QUIZ_LENGTH)[quiz.index];
      if (!question) return tourStep(ctx, progress.step);
      const right = action.choice === question.correct;
      const next = { ...progress, quiz: { ...quiz, index: quiz.index + 1, correct: quiz.correct + (right ? 1 : 0) } };
      return quizStep(ctx, next, { question, right });
    }
  }
}

function tourStep(ctx: OnboardingContext, step: number): Transition {
  const l = LABELS[ctx.lang];
  const spec = STEPS[step] ?? STEPS[0]!;
  const answer = spec.build({ kb: ctx.kb, lang: ctx.lang, today: ctx.today });
  const last = step === TOUR_LENGTH - 1;
  const buttons: GuideView['buttons'][number][] = [];
  if (step > 0) buttons.push({ title: l.back, data: { action: 'tour.go', step: step - 1 } });
  buttons.push(last ? { title: l.quiz, data: { action: 'quiz.start' } } : { title: l.next, data: { action: 'tour.go', step: step + 1 } });
  const eyebrow = `${l.tour} · ${l.step} ${step + 1} ${l.of} ${TOUR_LENGTH}`;
  const title = ctx.lang === 'da' ? spec.da : spec.en;
  return {
    view: {
      lang: ctx.lang,
      eyebrow,
      title,
      text: answer ? [answer.title === title ? '' : `**${cardText(answer.title)}**`, answer.text].filter(Boolean).join('\n\n') : '–',
      facts: answer?.facts ?? [],
      ...(answer?.table ? { table: answer.table } : {}),
      citations: answer?.citations ?? [],
      buttons,
      summary: `${eyebrow}: ${title}`,
    },
    progress: { step },
  };
}

function quizStep(ctx: OnboardingContext, progress: OnboardingProgress, answered: { question: QuizQuestion; right: boolean } | undefined): Transition {
  const l = LABELS[ctx.lang];
  const quiz = progress.quiz!;
  const questions = quizQuestions(ctx, quiz.seed, QUIZ_LENGTH);
  const notice = answered && {
    good: answered.right,
    text: answered.right
      ? `${l.right} ${answered.question.explanation}`
      : `${l.wrong} ${l.answer} ${sentence(answered.question.choices[answered.question.correct] ?? '')} ${answered.question.explanation}`,
  };
  const next = questions[quiz.index];
  if (!next) {
    const title = `${l.result}: ${quiz.correct} ${l.of} ${questions.length}`;
    return {
      view: {
        lang: ctx.lang,
        eyebrow: `${l.tour} · quiz`,
        title,
        text: `${l.score} ${quiz.correct} ${l.of} ${questions.length} ${l.correct}.`,
        facts: [],
        citations: answered?.question.citations ?? [],
        ...(notice ? { notice } : {}),
        buttons: [
          { title: l.again, data: { action: 'quiz.start' } },
          { title: l.restart, data: { action: 'tour.go', step: 0 } },
        ],
        summary: title,
      },
      progress,
    };
  }
  const eyebrow = `${l.tour} · quiz · ${l.question} ${quiz.index + 1} ${l.of} ${questions.length}`;
  return {
    view: {
      lang: ctx.lang,
      eyebrow,
      title: next.text,
      text: '',
      facts: [],
      citations: answered?.question.citations ?? [],
      ...(notice ? { notice } : {}),
      buttons: next.choices.map((choice, i) => ({ title: choice, data: { action: 'quiz.answer', question: quiz.index, choice: i } })),
      summary: `${eyebrow}: ${next.text}`,
    },
    progress,
  };
}
