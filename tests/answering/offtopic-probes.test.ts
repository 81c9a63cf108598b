// The one off-topic gate that every route passes (engine.ts, confidence.ts): probes of its own
// (tests/answering/fixtures/offtopic-probes.ts), not the evaluation's questions.
import { createEngine } from '../../src/answering/engine';
import { offTopic, unowned } from '../../src/answering/confidence';
import type { WordSignal } from '../../src/answering/search';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import { OFF_TOPIC_CONVERSATIONS, OFF_TOPIC_PROBES, ON_TOPIC_CONTROLS } from './fixtures/offtopic-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-03';
const ask = (text: string) => {
  const r = engine.respond({ text }, undefined, today);
  return { outcome: r.outcome, text: evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')) };
};

describe('a question about something else, on every route', () => {
  it.each(OFF_TOPIC_PROBES)('gets the honest fallback: %s', (q) => {
    expect(ask(q).outcome).not.toBe('answered');
  });
});

describe('a question in the same style about what the knowledge base holds', () => {
  it.each(ON_TOPIC_CONTROLS.map((c) => [c.q, c.expect] as const))('is still answered: %s', (q, pattern) => {
    const r = ask(q);
    expect(r.outcome).toBe('answered');
    expect(r.text).toMatch(pattern);
  });
});

describe('an off-topic question right after an on-topic one', () => {
  it.each(OFF_TOPIC_CONVERSATIONS.map((c) => [c[0]!.q, c[1]!.q, c] as const))('%s – %s', (_first, _second, turns) => {
    expect(conversationMisses(engine, turns, today)).toEqual([]);
  });
});

describe('the gate', () => {
  const word = (w: Partial<WordSignal>): WordSignal => ({ word: 'x', weight: 0.5, unknown: 0, sure: 1, spread: 0.01, ...w });

  it('says off-topic when a third of the content words are unknown, or a foreign name is', () => {
    expect(offTopic([word({ unknown: 1 }), word({}), word({})], false)).toBe(true);
    expect(offTopic([word({}), word({}), word({})], false)).toBe(false);
    expect(offTopic([word({}), word({})], true)).toBe(true);
  });

  it('says a hit that leaves out what is asked of an owner does not answer', () => {
    const words = [word({ word: 'arhus' }), word({ word: 'budget' })];
    expect(unowned(words, { credits: [1, 0] }, 'budget')).toBe(true);
    expect(unowned(words, { credits: [1, 1] }, 'budget')).toBe(false);
    expect(unowned(words, { credits: [1, 0] }, undefined)).toBe(false);
  });

  it('lets an answer about a record the question names keep words of its own, but not a foreign name', () => {
    expect(offTopic([word({ unknown: 1 }), word({}), word({})], false, true)).toBe(false);
    expect(offTopic([word({ unknown: 1 }), word({})], true, true)).toBe(true);
  });
});
