// The tour and the quiz as pure functions of the shipped knowledge base.
import { validateCard } from '../../src/cards/validate';
import { renderGuideCard } from '../../src/cards/guide-cards';
import { quizQuestions } from '../../src/onboarding/quiz';
import { onboard, QUIZ_LENGTH, TOUR_LENGTH, type GuideView, type OnboardingProgress } from '../../src/onboarding/tour';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const ctx = (lang: 'da' | 'en' = 'da') => ({ kb, lang, today: '2026-11-22', random: () => 0.42 });
const all = (v: GuideView) => [v.title, v.text, ...v.facts.map((f) => `${f.label} ${f.value}`), ...(v.table?.rows.flat() ?? [])].join('\n');

describe('the tour', () => {
  const steps = Array.from({ length: TOUR_LENGTH }, (_, step) => onboard(ctx(), undefined, { action: 'tour.go', step }));

  it('has 6 to 8 steps, each a valid card with content and its sources', () => {
    expect(TOUR_LENGTH).toBeGreaterThanOrEqual(6);
    expect(TOUR_LENGTH).toBeLessThanOrEqual(8);
    steps.forEach(({ view }, i) => {
      expect(view.eyebrow).toBe(`Kom godt i gang med Sikker By · trin ${i + 1} af ${TOUR_LENGTH}`);
      expect(view.text.length + view.facts.length + (view.table?.rows.length ?? 0)).toBeGreaterThan(0);
      const card = renderGuideCard(view).card;
      expect(validateCard(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('${');
    });
    // The last step is how to ask the assistant, which cites nothing; every other step cites its sources.
    steps.slice(0, -1).forEach(({ view }) => expect(view.citations.length).toBeGreaterThan(0));
  });

  it('is composed from the knowledge base: the principles, the focus areas, the initiatives, the deadlines', () => {
    const newest = [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0]!;
    const fag = kb.principles.filter((p) => p.strategy === newest.id && p.kind === 'fagprincip');
    for (const p of fag) expect(all(steps[1]!.view)).toContain(p.title.slice(0, 20));
    for (const p of fag) expect(all(steps[2]!.view)).toContain(p.shortName);
    expect(all(steps[3]!.view)).toMatch(/budgetpakke/i);
    expect(kb.deadlines.some((d) => all(steps[4]!.view).includes(d.title))).toBe(true);
    // A principle whose focus areas the sources neither count nor name is not given "0".
    const extremism = steps[2]!.view.table!.rows.find((r) => /ekstremisme/i.test(r[0] ?? ''))!;
    expect(extremism.slice(1)).toEqual(['–', '–']);
    expect(all(steps[5]!.view)).toContain('Team Sikker By');
  });

  it('moves with Next and Back, and ends with the quiz', () => {
    expect(steps[0]!.view.buttons.map((b) => b.data)).toEqual([{ action: 'tour.go', step: 1 }]);
    expect(steps[3]!.view.buttons.map((b) => b.data)).toEqual([{ action: 'tour.go', step: 2 }, { action: 'tour.go', step: 4 }]);
    expect(steps.at(-1)!.view.buttons.map((b) => b.data)).toEqual([{ action: 'tour.go', step: TOUR_LENGTH - 2 }, { action: 'quiz.start' }]);
    expect(steps[3]!.progress).toEqual({ step: 3 });
  });

  it('resumes at the saved step', () => {
    expect(onboard(ctx(), { step: 4 }).view.eyebrow).toMatch(/trin 5 af/);
    expect(onboard(ctx(), undefined).view.eyebrow).toMatch(/trin 1 af/);
  });

  it('speaks English when asked to', () => {
    const { view } = onboard(ctx('en'), { step: 0 });
    expect(view.eyebrow).toBe(`Getting started with Sikker By · step 1 of ${TOUR_LENGTH}`);
    expect(view.buttons[0]?.title).toBe('Next');
  });

  it("shows an English user the records' English texts, not their Danish ones", () => {
    const english = Array.from({ length: TOUR_LENGTH }, (_, step) => onboard(ctx('en'), undefined, { action: 'tour.go', step }).view);
    const newest = [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0]!;
    const fag = kb.principles.filter((p) => p.strategy === newest.id && p.kind === 'fagprincip');
    const table = english[2]!.table!;
    expect(table.rows.map((r) => r[0])).toEqual(fag.map((p) => p.en?.shortName));
    for (const f of kb.focusAreas.filter((x) => fag.some((p) => p.id === x.principle) && x.status === 'in-strategy'))
      expect(all(english[2]!)).toContain(f.en?.title);
    for (const d of kb.deadlines) expect(all(english[4]!)).not.toContain(d.title);
    expect(kb.deadlines.some((d) => d.en?.title && all(english[4]!).includes(String(d.en.title)))).toBe(true);
    expect(all(english[1]!)).toMatch(/basic principles \(grundprincipper\).*subject principles \(fagprincipper\)/);
    expect(all(english[3]!)).toContain(kb.budgetPackage.en?.name);
    // An organisation is named in English, with its official Danish name beside it.
    const okf = kb.organisations.find((o) => o.id === 'okf')!;
    expect(all(english[5]!)).toContain(`Part of ${okf.en?.name} (${okf.name})`);
    // Apart from names (kept, in parentheses or as proper names), the sentences are English.
    const DA = /\b(og|er|af|til|på|det|den|som|med|ikke|har|der|om|fra|skal|blev|hvor)\b/gi;
    const EN = /\b(the|and|is|are|of|to|in|for|from|with|not|has|was|which|by)\b/gi;
    for (const v of english) {
      const text = all(v).replace(/\([^)]*\)/g, '');
      expect([v.title, (text.match(DA) ?? []).length <= (text.match(EN) ?? []).length / 4]).toEqual([v.title, true]);
    }
  });
});

describe('the quiz', () => {
  it('names the choices in English for an English user', () => {
    for (let seed = 0; seed < 20; seed++)
      for (const q of quizQuestions(ctx('en'), seed, QUIZ_LENGTH))
        for (const choice of q.choices) expect(kb.organisations.some((o) => o.name === choice && o.en?.name && o.en.name !== o.name)).toBe(false);
  });

  it('draws the same questions for the same seed, each with one right choice from the records', () => {
    const a = quizQuestions(ctx(), 7, QUIZ_LENGTH);
    expect(a).toHaveLength(QUIZ_LENGTH);
    expect(quizQuestions(ctx(), 7, QUIZ_LENGTH)).toEqual(a);
    for (const q of a) {
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
      expect(new Set(q.choices).size).toBe(q.choices.length);
      expect(q.choices[q.correct]).toBeDefined();
      expect(q.citations.length).toBeGreaterThan(0);
    }
    const count = a.find((q) => /fagprincipper/.test(q.text))!;
    const newest = [...kb.strategies].sort((x, y) => y.period.from - x.period.from)[0]!;
    expect(count.choices[count.correct]).toBe(String(kb.principles.filter((p) => p.strategy === newest.id && p.kind === 'fagprincip').length));
    const ends = a.find((q) => /sidste år med en bevilling/.test(q.text))!;
    const initiative = kb.initiatives.find((i) => ends.text.includes(i.name))!;
    expect(ends.choices[ends.correct]).toBe(String(initiative.lastFundedYear));
  });

  it('gives feedback on every answer and a score at the end', () => {
    let progress: OnboardingProgress | undefined = { step: TOUR_LENGTH - 1 };
    let t = onboard(ctx(), progress, { action: 'quiz.start' });
    progress = t.progress;
    const seed = progress.quiz!.seed;
    const questions = quizQuestions(ctx(), seed, QUIZ_LENGTH);
    expect(t.view.title).toBe(questions[0]!.text);
    questions.forEach((q, i) => {
      const choice = i === 0 ? (q.correct + 1) % q.choices.length : q.correct; // the first one wrong
      t = onboard(ctx(), progress, { action: 'quiz.answer', question: i, choice });
      progress = t.progress;
      expect(t.view.notice?.good).toBe(i !== 0);
      if (i === 0) expect(t.view.notice?.text).toContain(`Det rigtige svar er ${q.choices[q.correct]}`);
    });
    expect(t.view.title).toBe(`Dit resultat: ${QUIZ_LENGTH - 1} af ${QUIZ_LENGTH}`);
    expect(progress?.quiz).toMatchObject({ index: QUIZ_LENGTH, correct: QUIZ_LENGTH - 1 });
  });

  it('ignores a button of a question already answered', () => {
    const start = onboard(ctx(), { step: 6 }, { action: 'quiz.start' }).progress;
    const once = onboard(ctx(), start, { action: 'quiz.answer', question: 0, choice: 0 }).progress;
    const twice = onboard(ctx(), once, { action: 'quiz.answer', question: 0, choice: 0 });
    expect(twice.progress).toEqual(once);
  });
});
