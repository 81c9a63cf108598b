// English questions get English answers: the card's own sentences are English, and
// prose that exists only in Danish says so, whatever the client's locale (a Danish
// Teams may be used to ask in English) and whatever language the last turn had.
// Asked over every English question of the tuning files (the held-out set is never
// read) and over this suite's own probes (fixtures/english-probes.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine, type ConversationState } from '../../src/answering/engine';
import type { Answer } from '../../src/answering/answer';
import { createLanguageDetector, detectLanguage } from '../../src/answering/text';
import { renderAnswerCard } from '../../src/cards/render';
import { EvalQuestion, replyStrings, score } from '../../src/evaluation/score';
import { parse, stringify } from 'yaml';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { shippedKnowledgeBase, shippedTexts, sourceFiles, sourceText } from '../support/knowledge-files';
import { ENGLISH_CONVERSATIONS, ENGLISH_PROBES } from './fixtures/english-probes';
import { danishWordsIn, namesOf } from './fixtures/english-text';
import { AMOUNT_WORDS, COUNT_WORDS, DOCUMENT_WORDS, KIND_WORDS, MEETING_WORDS, PURPOSE_WORDS, WHO_WORDS } from './fixtures/english-word-probes';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const TODAY = '2026-12-02';

const EN = new Set(['the', 'is', 'are', 'and', 'of', 'in', 'to', 'a', 'an', 'for', 'from', 'this', 'that', 'with', 'not', 'has', 'have', 'was', 'were', 'by', 'it', 'its', 'be', 'on', 'only', 'available']);
const DA = new Set(['og', 'er', 'i', 'af', 'til', 'for', 'på', 'det', 'den', 'en', 'et', 'som', 'med', 'ikke', 'har', 'der', 'om', 'fra', 'de', 'at']);
const count = (text: string, words: Set<string>) => text.toLowerCase().split(/[^a-zæøå]+/).filter((w) => words.has(w)).length;

/** Written in English, as this test tells it (independently of the engine's detector): ASCII, English function words, no Danish ones. */
const ASKS_EN = new Set([...EN, 'what', 'who', 'how', 'when', 'which', 'does', 'do', 'did', 'where', 'why'].filter((w) => !DA.has(w) && w !== 'by'));
const ASKS_DA = new Set([...DA, 'hvad', 'hvem', 'hvor', 'hvornar', 'hvordan', 'hvilke', 'hvilken', 'hvilket', 'jeg', 'mange', 'meget']);
const readsEnglish = (q: string) => [...q].every((c) => c.charCodeAt(0) < 0x80) && count(q, ASKS_EN) > count(q, ASKS_DA);

const TUNING = ['dev.jsonl', 'bank-tune.jsonl', 'bank2-tune.jsonl', 'bank3-tune.jsonl'];
const tuning = TUNING.map((f) => path.join(__dirname, '..', 'evaluation', f))
  .filter((f) => existsSync(f))
  .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => EvalQuestion.parse(JSON.parse(l))));
// Questions of a conversation are asked as its first turn here: what matters is the language, and an
// English follow-up ("and how is it split?") must get English even as an opening question.
const english = tuning.filter((q) => q.kind === 'english' || readsEnglish(q.q));

/** The answer's own sentences (not its quotes) are English, or it says the text is only in Danish. */
function expectEnglish(answer: Answer): void {
  expect(answer.lang).toBe('en');
  const own = [answer.title, answer.text.split('\n').filter((l) => !l.startsWith('>')).join('\n'), ...answer.followUps].join('\n');
  const danishOnly = /only available in Danish|quoted in Danish/.test(answer.text);
  expect(danishOnly || count(own, EN) >= count(own, DA)).toBe(true);
}

const folded = (answer: Answer) => replyStrings(renderAnswerCard(answer, { answerId: 'probe' })).join('\n');

it('has English questions to ask', () => {
  expect(english.length).toBeGreaterThan(60);
  expect(ENGLISH_PROBES.length).toBeGreaterThanOrEqual(40);
});

describe.each(['en', 'da'] as const)('with a client locale of %s', (localeLang) => {
  it.each(english.map((q) => [q.q] as const))('answers in English: %s', (question) => {
    expectEnglish(engine.respond({ text: question, localeLang }, undefined, TODAY).answer);
  });

  it.each(ENGLISH_PROBES.map((p) => [p.q, p] as const))('answers the probe in English and rightly: %s', (q, probe) => {
    const { answer } = engine.respond({ text: q, localeLang }, undefined, TODAY);
    expectEnglish(answer);
    const scored = score({ id: 'probe', kind: 'english', q, expect: [...probe.expect] }, folded(answer));
    expect(scored.misses).toEqual([]);
  });
});

it.each(ENGLISH_PROBES.map((p) => [p.q] as const))('answers in English after a Danish turn: %s', (q) => {
  const { state } = engine.respond({ text: 'Hvor meget får Exit KK i 2024?', localeLang: 'da' }, undefined, TODAY);
  expectEnglish(engine.respond({ text: q, localeLang: 'da' }, state, TODAY).answer);
});

it.each(ENGLISH_CONVERSATIONS.map((c, i) => [i, c] as const))('keeps to each turn’s language in conversation %i', (_, turns) => {
  let state: ConversationState | undefined;
  for (const turn of turns) {
    const r = engine.respond({ text: turn.q, localeLang: 'da' }, state, TODAY);
    state = r.state;
    expect({ q: turn.q, lang: r.answer.lang }).toEqual({ q: turn.q, lang: turn.lang });
    expect({ q: turn.q, misses: score({ id: 'c', kind: 'followup', q: turn.q, expect: [...turn.expect] }, folded(r.answer)).misses }).toEqual({ q: turn.q, misses: [] });
  }
});

// This suite's own English questions, and some it cannot answer for sure (a "Did you mean …?", an "I don't know").
const OWN = [
  ...[ENGLISH_PROBES, WHO_WORDS, AMOUNT_WORDS, MEETING_WORDS, PURPOSE_WORDS, KIND_WORDS, COUNT_WORDS, DOCUMENT_WORDS].flatMap((probes) => probes.map((p) => p.q)),
  'How many people attended the Social Committee meeting?',
  'How many people signed the case?',
  'How many people live in Tingbjerg?',
  'Which three subject principles matter most to the Social Services Administration?',
  'Which lines of the budget table have Æ45 in their label?',
  'Who was the case officer on the memo to the Finance Committee in 2010?',
];
const names = namesOf(kb);

it.each(OWN.map((q) => [q] as const))('speaks English outside quotes and names (no "og", "er", "til", "ikke" …): %s', (q) => {
  const { answer } = engine.respond({ text: q, localeLang: 'da' }, undefined, TODAY);
  expect(answer.lang).toBe('en');
  expect(danishWordsIn(answer, names)).toEqual([]);
});

describe('a knowledge base without its English translations', () => {
  // Every `en` taken out: what an English answer shows of the records is Danish, and it must say so, on every route
  // (a record's card, a statement, a document, a list, a computation, a quoted passage).
  const untranslated = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(untranslated) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'en').map(([k, x]) => [k, untranslated(x)])) : v;
  const texts = Object.fromEntries(Object.entries(shippedTexts()).map(([f, t]) => [f, f === 'vocabulary.yaml' ? t : stringify(untranslated(parse(t)))]));
  const built = buildKnowledgeBase(texts, sourceFiles(), Object.fromEntries(sourceFiles().filter((f) => f.endsWith('.txt')).map((f) => [f, sourceText(f)])));
  if (!built.ok) throw new Error('the knowledge base without translations does not build');
  const danishOnly = createEngine(built.kb, 'da');
  const allNames = namesOf(built.kb).all;

  it.each(OWN.map((q) => [q] as const))('says the Danish it shows is only in Danish: %s', (q) => {
    const { answer } = danishOnly.respond({ text: q, localeLang: 'da' }, undefined, TODAY);
    const danish = danishWordsIn(answer, { all: allNames, untranslated: allNames });
    if (danish.length > 0) expect(answer.text).toMatch(/only available in Danish|quoted in Danish/);
  });
});

it('gives the help and the fallback in English to an English question', () => {
  expect(engine.respond({ text: 'help', localeLang: 'da' }, { lang: 'en' }, TODAY).answer).toMatchObject({ kind: 'help', lang: 'en' });
  const fallback = engine.respond({ text: 'What is the capital of Sweden?', localeLang: 'da' }, undefined, TODAY).answer;
  expect(fallback).toMatchObject({ kind: 'fallback', lang: 'en' });
  expectEnglish(fallback);
});

describe('the language of a question', () => {
  const detect = createLanguageDetector(['Børn og unge', 'Handleplan til forebyggelse af ekstremisme', 'Sikker By-styregruppen', 'the steering group']);

  it('is read from the words around the names, not from the Danish names', () => {
    expect(detect('What does Børn og unge cover?')).toBe('en');
    expect(detect('What is Handleplan til forebyggelse af ekstremisme?')).toBe('en');
    expect(detect('Who is in Sikker By-styregruppen?')).toBe('en');
    // Without the names known, their Danish words outweigh the English ones.
    expect(detectLanguage('What is Handleplan til forebyggelse af ekstremisme?')).not.toBe('en');
  });

  it('stays Danish for a Danish question that names a record, or an English name', () => {
    expect(detect('Hvad dækker Børn og unge?')).toBe('da');
    expect(detect('Hvem er med i Sikker By-styregruppen?')).toBe('da');
    expect(detect('Hvem er med i the steering group?')).toBe('da');
  });

  it('counts an English word of the field, and tells the pronoun "I" from the Danish "i"', () => {
    expect(createLanguageDetector([], ['expire'])('Exit KK expire?')).toBe('en');
    expect(detect('Exit KK i 2024')).toBe('da');
    expect(detect('How do I renew my passport?')).toBe('en');
  });

  it('cannot tell from a name alone', () => {
    expect(detect('Børn og unge')).toBeUndefined();
    expect(detect('SSP+')).toBeUndefined();
  });
});
