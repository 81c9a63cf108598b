import { createEngine, type ConversationState } from '../../src/answering/engine';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { CONTEXT_CONVERSATIONS, type ContextTurn } from './fixtures/context-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

/** Asks the turns one after another in one conversation; the turns whose answer misses, with what they got. */
function misses(turns: readonly ContextTurn[]): string[] {
  let state: ConversationState | undefined;
  const out: string[] = [];
  for (const turn of turns) {
    const r = engine.respond({ text: turn.q }, state, today);
    state = r.state;
    const text = evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')).replace(/\s+/g, ' ');
    const ok = turn.expect === 'fallback' ? r.outcome !== 'answered' : r.outcome === 'answered' && turn.expect.test(text);
    if (!ok) out.push(`${turn.q} → ${r.outcome}: ${text.slice(0, 120)}`);
  }
  return out;
}

describe('conversations that mix follow-ups with questions of their own', () => {
  it.each(CONTEXT_CONVERSATIONS.map((c) => [c[0]!.q, c] as const))('%s …', (_first, turns) => {
    expect(misses(turns)).toEqual([]);
  });
});

describe('the follow-up buttons of an answer', () => {
  it('are answered in the conversation they are offered in', () => {
    const first = engine.respond({ text: 'Fortæl om princippet om et trygt natteliv' }, undefined, today);
    expect(first.answer.followUps.length).toBeGreaterThan(0);
    for (const q of first.answer.followUps) expect(engine.respond({ text: q }, first.state, today).outcome).toBe('answered');
  });

  it('that name a focus area of the principle answer that focus area, not the principle again', () => {
    const first = engine.respond({ text: 'Fortæl om princippet om et trygt natteliv' }, undefined, today);
    const next = engine.respond({ text: 'Hvad er tryghed i det københavnske natteliv?' }, first.state, today);
    expect(next.state.topic?.id).not.toBe(first.state.topic?.id);
  });
});
