// English questions get English answers: the card's own sentences are English, and
// prose that exists only in Danish says so. Asked over every English question of the
// development set and of the tuning part of the question bank.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../src/answering/engine';
import { EvalQuestion } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const english = ['dev.jsonl', 'bank-tune.jsonl'].flatMap((file) =>
  readFileSync(path.join(__dirname, '..', 'evaluation', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => EvalQuestion.parse(JSON.parse(l)))
    .filter((q) => q.kind === 'english'),
);

const EN = new Set(['the', 'is', 'are', 'and', 'of', 'in', 'to', 'a', 'an', 'for', 'from', 'this', 'that', 'with', 'not', 'has', 'have', 'was', 'were', 'by', 'it', 'its', 'be', 'on', 'only', 'available']);
const DA = new Set(['og', 'er', 'i', 'af', 'til', 'for', 'på', 'det', 'den', 'en', 'et', 'som', 'med', 'ikke', 'har', 'der', 'om', 'fra', 'de', 'at']);
const count = (text: string, words: Set<string>) => text.toLowerCase().split(/[^a-zæøå]+/).filter((w) => words.has(w)).length;

it('has English questions to ask', () => {
  expect(english.length).toBeGreaterThan(20);
});

it.each(english.map((q) => [q.q] as const))('answers in English: %s', (question) => {
  const { answer } = engine.respond({ text: question, localeLang: 'en' }, undefined, '2026-11-22');
  expect(answer.lang).toBe('en');
  const own = [answer.title, answer.text.split('\n').filter((l) => !l.startsWith('>')).join('\n')].join('\n');
  const danishOnly = /only available in Danish|quoted in Danish/.test(answer.text);
  // The answer's own sentences are English; Danish prose is marked as such.
  expect(danishOnly || count(own, EN) >= count(own, DA)).toBe(true);
});
