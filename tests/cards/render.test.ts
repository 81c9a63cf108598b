import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { Answer } from '../../src/answering/answer';
import type { AdaptiveCard } from '../../src/kernel/card';
import {
  CardAction,
  cardSummary,
  feedbackThanksText,
  renderAnswerCard,
  renderWelcomeCard,
} from '../../src/cards/render';
import { validateCard } from '../../src/cards/validate';
import { submitData } from '../support/teams-activities';
import { renderDigestCard } from '../../src/cards/reminder-cards';
import { renderGuideCard } from '../../src/cards/guide-cards';
import { renderExpertAnswerCard, renderExpertOfferCard, renderExpertQuestionCard } from '../../src/experts/cards';
import { buildReport, renderReportCard } from '../../src/experts/report';
import { onboard } from '../../src/onboarding/tour';
import { renderReminder } from '../../src/reminders/compose';
import { NO_OWNERS } from '../../src/reminders/owners';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const cardsDir = path.join(__dirname, '..', '..', 'cards');

const full: Answer = {
  kind: 'answer',
  lang: 'da',
  title: 'Exit KK',
  text: 'Exit KK er Socialforvaltningens exitindsats for bandemedlemmer.\n\nIndsatsen får **4,2 mio. kr.** om året fra Sikker By-budgetpakken.',
  facts: [
    { label: 'Forvaltning', value: 'Socialforvaltningen' },
    { label: 'Budgetlinje', value: 'Æ45' },
  ],
  table: {
    columns: ['År', 'Mio. kr.'],
    rows: [['2023', '4,2'], ['2024', '4,2'], ['2025']],
  },
  warnings: ['Beløbene er fra budgetaftalen; de kan være ændret siden.'],
  citations: [
    { title: 'Sikker By-budgetpakken', file: '004_x.txt', date: '7. marts 2023', ageWarning: 'Kilden er over to år gammel. Tjek, om tallene stadig gælder.' },
    { title: 'Midtvejsstatus på fagprincipperne', file: '001_y.txt', date: '2024' },
  ],
  followUps: ['Hvad er Exitprogrammet?', 'Hvilke indsatser udløber i 2025?'],
  suggestions: [],
  summary: 'Exit KK får 4,2 mio. kr. om året.',
};

const suggestions: Answer = {
  kind: 'suggestions',
  lang: 'da',
  title: 'Mente du …?',
  text: 'Jeg er ikke sikker på, hvad du mener med "exit". Mente du en af disse?',
  facts: [],
  warnings: [],
  citations: [],
  followUps: [],
  suggestions: [
    { label: 'Exit KK', question: 'Hvad er Exit KK?' },
    { label: 'Exitprogrammet', question: 'Hvad er Exitprogrammet?' },
  ],
  summary: 'Mente du Exit KK eller Exitprogrammet?',
};

const fallback: Answer = {
  kind: 'fallback',
  lang: 'da',
  title: 'Det ved jeg ikke',
  text: 'Jeg kan ikke finde et svar i Sikker By-materialet. Spørg Center for Sikker By på id@okf.kk.dk.',
  facts: [],
  warnings: [],
  citations: [],
  followUps: [],
  suggestions: [],
  summary: 'Det ved jeg ikke.',
};

const english: Answer = {
  kind: 'answer',
  lang: 'en',
  title: 'Ny Start',
  text: 'Ny Start receives **DKK 6.8 million** in 2026.',
  facts: [{ label: 'Amount 2026', value: 'DKK 6.8 million' }],
  warnings: [],
  citations: [{ title: 'Sikker By budget package', file: '004_x.txt', date: '7 March 2023', ageWarning: 'The source is over two years old.' }],
  followUps: ['What is Exit KK?'],
  suggestions: [],
  summary: 'Ny Start receives DKK 6.8 million in 2026.',
};

const help: Answer = {
  kind: 'help',
  lang: 'da',
  title: 'Velkommen til Sikker By-assistenten',
  text: 'Jeg svarer på spørgsmål om Københavns Kommunes Sikker By-samarbejde ud fra strategierne og sagerne.',
  facts: [
    { label: 'Strategien', value: 'principper, fokusområder og mål' },
    { label: 'Indsatser', value: 'hvad de laver, og hvad de koster' },
    { label: 'Kontakter', value: '' },
  ],
  warnings: [],
  citations: [],
  followUps: ['Hvilke fagprincipper er der i Sikker By?', 'Hvem er vicedirektør i Socialforvaltningen?'],
  suggestions: [],
  summary: 'Velkommen til Sikker By-assistenten.',
};

type Node = Record<string, unknown>;

/** Every object in the card, depth first, in document order. */
function nodes(card: unknown): Node[] {
  const out: Node[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Node);
      Object.values(v).forEach(visit);
    }
  };
  visit(card);
  return out;
}
const ofType = (card: unknown, type: string) => nodes(card).filter((n) => n['type'] === type);
const texts = (card: unknown) => ofType(card, 'TextBlock').map((n) => n['text'] as string);
const submits = (card: unknown) => ofType(card, 'Action.Submit');
const payloads = (card: unknown) => submits(card).map((a) => CardAction.parse(a['data']));

/**
 * A question to click: plain Action.Submit data (the Agents Playground sends nothing for
 * Teams' messageBack), as the selectAction of a line that shows the whole text.
 */
function expectAskButton(action: Node, title: string, question: string): void {
  expect(action['title']).toBe(title);
  expect(action['data']).toEqual({ action: 'ask', question });
}

describe('renderAnswerCard', () => {
  it('says which question it answers, small above the title, when it is given the question', () => {
    const card = renderAnswerCard(full, { answerId: 'q', question: 'Hvad får Exit KK?' });
    expect(texts(card).slice(0, 2)).toEqual(['Du spurgte: Hvad får Exit KK?', full.title]);
    expect(texts(renderAnswerCard(full, { answerId: 'q' }))[0]).toBe(full.title);
  });


  it('gives each card its own answer id, also when the same answer is rendered again', () => {
    const a = renderAnswerCard(full, { answerId: 'first' });
    const b = renderAnswerCard(full, { answerId: 'sec"ond\\' });
    expect(submitData(a).filter((d) => d.action === 'feedback').map((d) => d.answerId)).toEqual(['first', 'first']);
    expect(submitData(b).filter((d) => d.action === 'feedback').map((d) => d.answerId)).toEqual(['sec"ond\\', 'sec"ond\\']);
    expect(JSON.stringify(b).replaceAll(JSON.stringify('sec"ond\\').slice(1, -1), 'first')).toBe(JSON.stringify(a));
    // Each card is its own: changing one cannot change the next.
    const title = a.body.find((e) => e.type === 'TextBlock') as Record<string, unknown>;
    title.text = 'changed';
    (a.body as Record<string, unknown>[]).length = 0;
    expect(renderAnswerCard(full, { answerId: 'first' }).body.length).toBeGreaterThan(0);
    expect(JSON.stringify(renderAnswerCard(full, { answerId: 'first' }))).toBe(JSON.stringify(b).replaceAll(JSON.stringify('sec"ond\\').slice(1, -1), 'first'));
  });

  it('renders each variant of one answer (the question shown, a rating, the expert button) as its own card', () => {
    const answer: Answer = { ...full };
    const plain = renderAnswerCard(answer, { answerId: 'v' });
    const rated = renderAnswerCard(answer, { answerId: 'v', feedbackGiven: 'down' });
    const expert = renderAnswerCard(answer, { answerId: 'v', offerExpert: true });
    const asked = renderAnswerCard(answer, { answerId: 'v', question: 'Hvad får Exit KK?' });
    expect(new Set([plain, rated, expert, asked].map((card) => JSON.stringify(card))).size).toBe(4);
    expect(texts(rated)).toContain('Tak for din feedback.');
    expect(texts(plain)).not.toContain('Tak for din feedback.');
    expect(texts(asked)[0]).toBe('Du spurgte: Hvad får Exit KK?');
    // Asked again in another order, each is still the card it was.
    expect(renderAnswerCard(answer, { answerId: 'v', question: 'Hvad får Exit KK?' })).toEqual(asked);
    expect(renderAnswerCard(answer, { answerId: 'v' })).toEqual(plain);
  });

  describe('a full answer', () => {
    const card = renderAnswerCard(full, { answerId: 'ans-1' });

    it('is a valid 1.5 card', () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    });

    it('starts with the bold title, then the text', () => {
      expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Exit KK', weight: 'Bolder' });
      expect(card.body[1]).toMatchObject({ type: 'TextBlock', text: full.text, wrap: true });
    });

    it('shows warnings in the attention colour', () => {
      const warnings = ofType(card, 'TextBlock').filter((t) => t['color'] === 'Attention');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.['text']).toContain(full.warnings[0]);
    });

    it('lists the facts', () => {
      expect(ofType(card, 'FactSet')).toEqual([
        expect.objectContaining({ facts: [{ title: 'Forvaltning', value: 'Socialforvaltningen' }, { title: 'Budgetlinje', value: 'Æ45' }] }),
      ]);
    });

    it('shows the table with a header row, filling missing cells', () => {
      const [table] = ofType(card, 'Table');
      expect(table).toMatchObject({ firstRowAsHeader: true, columns: [{ width: 1 }, { width: 1 }] });
      const rows = (table?.['rows'] as Node[]).map((row) => texts(row));
      expect(rows).toEqual([['År', 'Mio. kr.'], ['2023', '4,2'], ['2024', '4,2'], ['2025', '–']]);
    });

    it('names each source with its date and age warning', () => {
      const all = texts(card);
      expect(all).toContain('Kilde: Sikker By-budgetpakken, 7. marts 2023');
      expect(all).toContain('Kilde: Midtvejsstatus på fagprincipperne, 2024');
      const ageWarnings = ofType(card, 'TextBlock').filter((t) => t['color'] === 'Warning');
      expect(ageWarnings.map((t) => t['text'])).toEqual([full.citations[0]?.ageWarning]);
    });

    it('offers the follow-up questions as buttons that ask them', () => {
      const asks = submits(card).filter((a) => (a['data'] as Node)['action'] === 'ask');
      expect(asks).toHaveLength(2);
      expectAskButton(asks[0]!, 'Hvad er Exitprogrammet?', 'Hvad er Exitprogrammet?');
      expectAskButton(asks[1]!, 'Hvilke indsatser udløber i 2025?', 'Hvilke indsatser udløber i 2025?');
      expect(texts(card)).toContain('Du kan også spørge:');
    });

    it('ends with 👍 / 👎 buttons that carry the answer id', () => {
      expect(texts(card)).toContain('Var svaret nyttigt?');
      const feedback = submits(card).filter((a) => (a['data'] as Node)['action'] === 'feedback');
      expect(feedback.map((a) => a['title'])).toEqual(['👍', '👎']);
      expect(feedback.map((a) => CardAction.parse(a['data']))).toEqual([
        { action: 'feedback', rating: 'up', answerId: 'ans-1' },
        { action: 'feedback', rating: 'down', answerId: 'ans-1' },
      ]);
    });

    it('gives every button a payload the Teams edge accepts', () => {
      expect(payloads(card)).toHaveLength(4);
    });
  });

  describe('a suggestions answer', () => {
    const card = renderAnswerCard(suggestions, { answerId: 'ans-2' });

    it('is valid and shows the core\'s "Mente du" text', () => {
      expect(validateCard(card)).toEqual([]);
      expect(texts(card)).toContain(suggestions.text);
    });

    it('offers each meaning as a button titled by its label that asks its question', () => {
      const asks = submits(card).filter((a) => (a['data'] as Node)['action'] === 'ask');
      expect(asks).toHaveLength(2);
      expectAskButton(asks[0]!, 'Exit KK', 'Hvad er Exit KK?');
      expectAskButton(asks[1]!, 'Exitprogrammet', 'Hvad er Exitprogrammet?');
    });

    it('leaves out the empty parts', () => {
      for (const type of ['FactSet', 'Table']) expect(ofType(card, type)).toEqual([]);
      const all = texts(card);
      expect(all.some((t) => t.startsWith('Kilde'))).toBe(false);
      expect(all).not.toContain('Du kan også spørge:');
      // No warning colours; the accent lines are the meanings to click.
      expect(ofType(card, 'TextBlock').filter((t) => t['color'] !== undefined && t['color'] !== 'Accent')).toEqual([]);
      expect(ofType(card, 'TextBlock').filter((t) => t['color'] === 'Accent').map((t) => t['text'])).toEqual(['→ Exit KK', '→ Exitprogrammet']);
    });
  });

  describe('a fallback', () => {
    const card = renderAnswerCard(fallback, { answerId: 'ans-3' });

    it('is just title, text and feedback', () => {
      expect(validateCard(card)).toEqual([]);
      expect(texts(card)).toEqual([fallback.title, fallback.text, 'Var svaret nyttigt?']);
      expect(payloads(card).map((p) => p.action)).toEqual(['feedback', 'feedback']);
    });
  });

  describe('an English answer', () => {
    const card = renderAnswerCard(english, { answerId: 'ans-4' });

    it('uses English labels from the same template', () => {
      expect(validateCard(card)).toEqual([]);
      const all = texts(card);
      expect(all).toEqual(expect.arrayContaining([
        'Source: Sikker By budget package, 7 March 2023',
        'The source is over two years old.',
        'You can also ask:',
        'Was this helpful?',
      ]));
      const json = JSON.stringify(card);
      for (const danish of ['Kilde', 'Var svaret', 'Du kan også', 'Nyttigt']) expect(json).not.toContain(danish);
    });
  });

  describe('after a rating', () => {
    const card = renderAnswerCard(full, { answerId: 'ans-1', feedbackGiven: 'up' });

    it('thanks instead of offering the buttons again', () => {
      expect(validateCard(card)).toEqual([]);
      expect(texts(card)).toContain('Tak for din feedback.');
      expect(texts(card)).not.toContain('Var svaret nyttigt?');
      expect(payloads(card).filter((p) => p.action === 'feedback')).toEqual([]);
    });

    it('has the thanks text for a plain reply too', () => {
      expect(feedbackThanksText('en')).toBe('Thank you for your feedback.');
    });
  });

  it('keeps to five buttons per set and drops blank entries', () => {
    const many = { ...full, followUps: ['', ...Array.from({ length: 8 }, (_, i) => `Spørgsmål ${i + 1}?`)] };
    const card = renderAnswerCard(many, { answerId: 'ans-5' });
    expect(validateCard(card)).toEqual([]);
    expect(payloads(card).filter((p) => p.action === 'ask').map((p) => p.action === 'ask' && p.question))
      .toEqual(['Spørgsmål 1?', 'Spørgsmål 2?', 'Spørgsmål 3?', 'Spørgsmål 4?', 'Spørgsmål 5?']);
  });

  it('renders the same card for the same answer, whatever was rendered before', () => {
    const first = renderAnswerCard(suggestions, { answerId: 'x' });
    renderAnswerCard(full, { answerId: 'y' });
    renderWelcomeCard(help);
    expect(renderAnswerCard(suggestions, { answerId: 'x' })).toEqual(first);
  });

  it('passes the answer\'s summary through for notifications', () => {
    expect(cardSummary(full)).toBe(full.summary);
  });
});

describe('renderWelcomeCard', () => {
  const card = renderWelcomeCard(help);

  it('is valid and shows title, intro and what the assistant can do', () => {
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual([
      help.title,
      help.text,
      'Det kan jeg hjælpe med',
      '• **Strategien**: principper, fokusområder og mål',
      '• **Indsatser**: hvad de laver, og hvad de koster',
      '• **Kontakter**',
      'Prøv for eksempel at spørge:',
      ...help.followUps.map((q) => `→ ${q}`),
    ]);
  });

  it('offers the examples as ask buttons, the tour, and no feedback', () => {
    const actions = submits(card);
    expect(actions).toHaveLength(3);
    expectAskButton(actions[0]!, help.followUps[0]!, help.followUps[0]!);
    expectAskButton(actions[1]!, help.followUps[1]!, help.followUps[1]!);
    expect(actions[2]).toMatchObject({ title: 'Kom godt i gang med Sikker By', data: { action: 'tour.resume' } });
  });

  it('leaves out the list when the help text carries it, and speaks English', () => {
    const en = renderWelcomeCard({ ...help, lang: 'en', facts: [], followUps: ['What is Sikker By?'] });
    expect(validateCard(en)).toEqual([]);
    expect(texts(en)).toEqual([help.title, help.text, 'Try asking:', '→ What is Sikker By?']);
  });
});

describe('the card templates', () => {
  const kb = shippedKnowledgeBase();
  const now = new Date('2026-11-22T10:00:00Z');
  const reminder = renderReminder(
    kb,
    NO_OWNERS,
    { deadlineId: 'dl-effektopfoelgning', occurrence: '2027-10-01', owner: 'leder@kk.dk', role: 'owner', stage: 'lead-30' },
    { lang: 'da', timeZone: 'Europe/Copenhagen', now, state: { kind: 'open' } },
  );
  const rendered: Record<string, AdaptiveCard | undefined> = {
    'answer.json': renderAnswerCard(full, { answerId: 'ans-1', offerExpert: true }),
    // The expert cards' states and languages are tested in tests/experts/.
    'expert-question.json': renderExpertQuestionCard(
      { id: 1, question: 'Hvem?', lang: 'da', asker: { id: 'a', name: 'Anne Juhl' }, conversation: { conversationId: 'a:1', serviceUrl: 'http://127.0.0.1:9/', reference: {} }, askedAt: new Date('2026-11-22T10:00:00Z'), status: 'open' },
      { lang: 'da', timeZone: 'Europe/Copenhagen' },
    ).card,
    'expert-answer.json': renderExpertAnswerCard({ questionId: 1, question: 'Hvem?', answer: 'Team Sikker By.', expert: 'Bo Lind', answeredAt: new Date('2026-11-22T12:00:00Z') }, { lang: 'da', timeZone: 'Europe/Copenhagen' }).card,
    'expert-offer.json': renderExpertOfferCard('ans-1', 'da').card,
    'expert-report.json': renderReportCard(
      buildReport({ since: new Date('2026-11-01T00:00:00Z'), now: new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Copenhagen', unanswered: [], feedback: [], outcomes: [], questions: [], pendingSuggestions: [] }),
      'da',
    ).card,
    'welcome.json': renderWelcomeCard(help),
    'reminder.json': reminder?.card,
    'guide.json': renderGuideCard(onboard({ kb, lang: 'da', today: '2026-11-22', random: () => 0.5 }, { step: 3 }).view).card,
    'digest.json': renderDigestCard({
      lang: 'da',
      week: '2026-W48',
      items: kb.deadlines.slice(0, 3).map((d) => ({ title: d.title, due: d.due, daysLeft: 10, owner: 'Anne Juhl', status: 'open' as const })),
    }).card,
  };

  it.each(Object.keys(rendered))('%s renders from the shipped knowledge base into a valid card', (file) => {
    const card = rendered[file];
    expect(card).toBeDefined();
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('are all rendered by these tests', () => {
    expect(readdirSync(cardsDir).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(rendered).sort());
  });

  it.each(Object.keys(rendered))('%s declares version 1.5 and the schema for the designer', (file) => {
    const template = JSON.parse(readFileSync(path.join(cardsDir, file), 'utf8')) as Node;
    expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
  });

  it('leave template expressions in the card when data is missing, which validateCard reports', () => {
    const template = new Template(JSON.parse(readFileSync(path.join(cardsDir, 'answer.json'), 'utf8')));
    const card = template.expand({ $root: { title: 'T', text: '', warnings: [], facts: [], table: null, citations: [], suggestions: [], followUps: [], feedback: { show: true, answerId: 'a', thanks: '' } } });
    expect(validateCard(card)).toEqual(expect.arrayContaining([expect.stringContaining('unbound template expression in "${labels.feedbackPrompt}"')]));
  });
});

describe('CardAction', () => {
  it('reads what Teams sends for an ask button, ignoring the msteams part', () => {
    const value = { action: 'ask', question: 'Hvad er Exit KK?', msteams: { type: 'messageBack', text: 'Hvad er Exit KK?' } };
    expect(CardAction.parse(value)).toEqual({ action: 'ask', question: 'Hvad er Exit KK?' });
  });

  it.each([
    ['an unknown action', { action: 'delete' }],
    ['an empty question', { action: 'ask', question: '  ' }],
    ['a rating that is not up or down', { action: 'feedback', rating: 'meh', answerId: 'a' }],
    ['feedback without an answer id', { action: 'feedback', rating: 'up' }],
  ])('rejects %s', (_name, value) => {
    expect(CardAction.safeParse(value).success).toBe(false);
  });
});

describe('validateCard', () => {
  const valid = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hej' }] };

  it('accepts a small valid card', () => {
    expect(validateCard(valid)).toEqual([]);
  });

  it.each([
    ['a leftover template expression', { ...valid, body: [{ type: 'TextBlock', text: 'Hej ${name}' }] }, 'unbound template expression'],
    ['version 1.6', { ...valid, version: '1.6' }, 'version 1.6 is newer than 1.5'],
    ['a missing version', { type: 'AdaptiveCard', body: valid.body }, 'version is missing'],
    ['an empty TextBlock', { ...valid, body: [{ type: 'TextBlock', text: ' ' }] }, 'TextBlock without text'],
    ['a TextBlock without text', { ...valid, body: [{ type: 'TextBlock' }] }, 'TextBlock without text'],
    ['an unknown element type', { ...valid, body: [{ type: 'Carousel2' }] }, 'Unknown element type "Carousel2"'],
    ['an invalid property value', { ...valid, body: [{ type: 'TextBlock', text: 'Hej', color: 'Pink' }] }, 'Invalid value "Pink"'],
    ['an action without a title', { ...valid, actions: [{ type: 'Action.Submit', data: {} }] }, 'Action.Submit without a title'],
    ['a card too large for Teams', { ...valid, body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }] }, 'more than the 28672 allowed'],
    ['something that is not a card', { type: 'Message', text: 'hej' }, 'not an Adaptive Card'],
  ])('reports %s', (_name, card, message) => {
    const problems = validateCard(card);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('says where the problem is', () => {
    expect(validateCard({ ...valid, body: [valid.body[0], { type: 'Container', items: [{ type: 'TextBlock', text: '' }] }] }))
      .toEqual(['$.body[1].items[0]: TextBlock without text']);
  });
});
