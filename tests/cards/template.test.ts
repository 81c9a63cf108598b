// The compiled templates (src/cards/template.ts) against adaptivecards-templating, the
// library whose semantics they copy: every card the bot renders here is expanded both
// ways and must come out the same, and so must small templates at the edges of the
// semantics (unbound paths, failing $when, $data of none, one or many).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { compileTemplate } from '../../src/cards/template';

/** Every expansion of a template loaded through src/cards/render.ts, with the library's result beside it. */
const expansions: { got: unknown; want: unknown }[] = [];
jest.mock('../../src/cards/template', () => {
  const actual = jest.requireActual<typeof import('../../src/cards/template')>('../../src/cards/template');
  const { Template: Reference } = jest.requireActual<typeof import('adaptivecards-templating')>('adaptivecards-templating');
  return {
    ...actual,
    compileTemplate: (payload: unknown) => {
      const compiled = actual.compileTemplate(payload);
      const reference = new Reference(payload);
      return {
        expand: (context: { $root: unknown }) => {
          const got = compiled.expand(context);
          expansions.push({ got, want: reference.expand(context) });
          return got;
        },
      };
    },
  };
});

// Loaded after the mock: their templates are the comparing ones.
const { createEngine } = require('../../src/answering/engine') as typeof import('../../src/answering/engine');
const { renderAnswerCard, renderWelcomeCard } = require('../../src/cards/render') as typeof import('../../src/cards/render');
const { renderGuideCard } = require('../../src/cards/guide-cards') as typeof import('../../src/cards/guide-cards');
const { renderDigestCard } = require('../../src/cards/reminder-cards') as typeof import('../../src/cards/reminder-cards');
const { renderExpertOfferCard, renderExpertQuestionCard, renderExpertAnswerCard } = require('../../src/experts/cards') as typeof import('../../src/experts/cards');
const { onboard } = require('../../src/onboarding/tour') as typeof import('../../src/onboarding/tour');
const { shippedKnowledgeBase } = require('../support/knowledge-files') as typeof import('../support/knowledge-files');

const root = path.join(__dirname, '..', '..');
const questions = ['dev.jsonl', 'bank-tune.jsonl', 'bank2-tune.jsonl']
  .flatMap((file) => readFileSync(path.join(root, 'tests', 'evaluation', file), 'utf8').split('\n'))
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { q: string }).q);

describe('compiled card templates', () => {
  beforeEach(() => {
    expansions.length = 0;
  });
  const same = () => {
    expect(expansions.length).toBeGreaterThan(0);
    for (const { got, want } of expansions) expect(got).toEqual(want);
  };

  it('expand every answer card of the tuning questions as adaptivecards-templating does, in every state', () => {
    const kb = shippedKnowledgeBase();
    const engines = { da: createEngine(kb, 'da'), en: createEngine(kb, 'en') };
    for (const [i, question] of questions.entries()) {
      const { answer } = engines[i % 2 === 0 ? 'da' : 'en'].respond({ text: question }, undefined, '2026-11-22');
      renderAnswerCard(answer, { answerId: `a-${i}`, question });
      renderAnswerCard(answer, { answerId: `a-${i}`, offerExpert: true, feedbackGiven: i % 3 === 0 ? 'up' : 'down' });
    }
    for (const lang of ['da', 'en'] as const) renderWelcomeCard(engines[lang].help(lang));
    expect(expansions.length).toBe(2 * questions.length + 2);
    same();
  });

  it('expand the tour, digest and expert cards as adaptivecards-templating does', () => {
    const kb = shippedKnowledgeBase();
    for (const lang of ['da', 'en'] as const) {
      for (let step = 0; step < 8; step++) renderGuideCard(onboard({ kb, lang, today: '2026-11-22', random: () => 0.5 }, { step }).view);
      renderDigestCard({ lang, week: '2026-W48', items: kb.deadlines.slice(0, 3).map((d) => ({ title: d.title, due: d.due, daysLeft: 10, owner: 'Anne Juhl', status: 'open' as const })) });
      renderDigestCard({ lang, week: '2026-W48', items: [] });
      renderExpertOfferCard('ans-1', lang);
      const asked = { id: 1, question: 'Hvem?', lang, asker: { id: 'a', name: 'Anne Juhl' }, conversation: { conversationId: 'a:1', serviceUrl: 'http://127.0.0.1:9/', reference: {} }, askedAt: new Date('2026-11-22T10:00:00Z'), status: 'open' as const };
      renderExpertQuestionCard(asked, { lang, timeZone: 'Europe/Copenhagen' });
      renderExpertQuestionCard(asked, { lang, timeZone: 'Europe/Copenhagen' }, 'Allerede taget');
      renderExpertAnswerCard({ questionId: 1, question: 'Hvem?', answer: 'Team Sikker By.', expert: 'Bo Lind', answeredAt: new Date('2026-11-22T12:00:00Z') }, { lang, timeZone: 'Europe/Copenhagen' });
    }
    same();
  });
});

describe('compileTemplate', () => {
  const both = (template: unknown, data: unknown) => [compileTemplate(template).expand({ $root: data }), new Template(template).expand({ $root: data })];

  it.each([
    ['an unbound path, alone and in text', { a: '${missing}', b: 'x ${missing.deep} y', c: '${count(missing) > 0}' }, {}],
    ['typed values of a single expression', { n: '${n}', list: '${list}', flag: '${!flag}', none: '${none}' }, { n: 3, list: [1, 2], flag: false, none: null }],
    ['text with numbers and booleans', { t: '${n} of ${m}: ${flag}' }, { n: 3, m: 4.5, flag: true }],
    ['$when true, false, failing and not boolean', { body: [{ $when: '${a}', x: 1 }, { $when: '${b}', x: 2 }, { $when: '${length(nothing.deep) > 0}', x: 3 }, { $when: '${s}', x: 4 }, { $when: '${count(list) == 2}', x: 5 }] }, { a: true, b: false, s: 'yes', list: [1, 2] }],
    ['$data of none, one and many, spliced into the list, with $index and $root', { body: [{ $data: '${none}', t: '${v}' }, { $data: '${one}', t: '${v}' }, { $data: '${many}', t: '${v} ${$index} ${$root.label}', $when: '${v != 2}' }] }, { none: [], one: [{ v: 1 }], many: [{ v: 1 }, { v: 2 }, { v: 3 }], label: 'L' }],
    ['$data of an object, and a dropped object as a property', { card: { $data: '${inner}', t: '${v}', gone: { $when: '${false}', x: 1 } } }, { inner: { v: 'i' } }],
    ['$data as a list in a property, and nested lists', { rows: [{ $data: '${rows}', cells: [{ $data: '${cells}', text: '${$data}' }] }] }, { rows: [{ cells: ['a', 'b'] }, { cells: ['c'] }] }],
    ['comparisons of strings, numbers and nulls', { a: '${n >= 2}', b: '${n < 2}', c: '${s == 1}', d: '${table != null}', e: '${nothing == null}', f: '${length(s) <= 1}' }, { n: 2, s: 'x', table: null }],
    ['keys in another case, and length and count of lists, strings and objects', { a: '${Title}', b: '${count(obj)}', c: '${count(s)}', d: '${length(s)}' }, { title: 'T', obj: { x: 1, y: 2 }, s: 'abc' }],
  ])('%s: as adaptivecards-templating', (_name, template, data) => {
    const [got, want] = both(template, data);
    expect(got).toEqual(want);
  });

  it.each([
    ['a function it does not know', { a: '${join(list, ",")}' }],
    ['two comparisons', { a: '${a > 1 && b > 2}' }],
    ['a $when that is no expression', { a: { $when: 'yes', x: 1 } }],
    ['a backslash beside an expression', { a: 'x\\n${y}' }],
  ])('refuses %s when it loads, not when a card is expanded', (_name, template) => {
    expect(() => compileTemplate(template)).toThrow();
  });
});
