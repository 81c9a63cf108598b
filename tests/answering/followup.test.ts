import { createEngine } from '../../src/answering/engine';
import { evalFold } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses, type ProbeTurn } from './fixtures/conversation';
import { CONVERSATIONS } from './fixtures/gate-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

const misses = (turns: readonly ProbeTurn[]) => conversationMisses(engine, turns, today);

describe('follow-up questions in conversations of the gate\'s own', () => {
  it('answers each turn of the probe conversations about the record it leans on, and an unrelated one afresh', () => {
    const missed = CONVERSATIONS.flatMap(misses);
    const turns = CONVERSATIONS.reduce((n, c) => n + c.length, 0);
    console.log(`gate probes: conversation turns missed ${missed.length}/${turns}: ${missed.join(' | ')}`);
    expect(missed.length).toBeLessThanOrEqual(1);
  });
});

describe('a question that points back with words of its own', () => {
  it('asks about the previous answer when its record holds those words', () => {
    const first = engine.respond({ text: 'Hvor meget får Exit KK om året?' }, undefined, today);
    const next = engine.respond({ text: 'er den varigt finansieret?' }, first.state, today);
    expect(next.outcome).toBe('answered');
    expect(next.state.topic?.id).toBe('exit-kk');
    expect(evalFold(next.answer.text)).toMatch(/varig finansiering/);
  });

  it('starts afresh when its words are a topic of their own', () => {
    const first = engine.respond({ text: 'Hvad er Ny Start?' }, undefined, today);
    const next = engine.respond({ text: 'Hvem er det, der hedder Frank Jensen?' }, first.state, today);
    expect(next.state.topic?.id).toBe('frank-jensen');
  });
});
