import { createEngine, type ConversationState } from '../../src/answering/engine';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { CONVERSATIONS, type ProbeTurn } from './fixtures/gate-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

/** Asks the turns one after another in one conversation; the turns whose answer misses. */
function misses(turns: readonly ProbeTurn[]): string[] {
  let state: ConversationState | undefined;
  const out: string[] = [];
  for (const turn of turns) {
    const r = engine.respond({ text: turn.q }, state, today);
    state = r.state;
    const text = evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n'));
    const ok = turn.expect === 'fallback' ? r.outcome !== 'answered' : r.outcome === 'answered' && turn.expect.test(text);
    if (!ok) out.push(turn.q);
  }
  return out;
}

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
