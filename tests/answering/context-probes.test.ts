import { createEngine } from '../../src/answering/engine';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses, type ProbeTurn } from './fixtures/conversation';
import { CONTEXT_CONVERSATIONS } from './fixtures/context-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

const misses = (turns: readonly ProbeTurn[]) => conversationMisses(engine, turns, today);

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

describe('questions about what a document had to contain, propose or fix', () => {
  const answer = (q: string) => {
    const r = engine.respond({ text: q }, undefined, today);
    return { outcome: r.outcome, text: evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')).replace(/\s+/g, ' ') };
  };

  it.each([
    // The list the question's verb introduces ("der stilles forslag til:"), not another list of the same annexes.
    ['Hvad skulle bilagene til indstillingen i april 2010 stille forslag til?', /effektmaal for indsatsen/],
    // A quotation introduced by a colon ("i regi af Økonomiudvalget: "Fastsætte …"").
    ['Hvad skulle der ifølge beslutningen i januar 2010 fastsættes?', /overordnede maal/],
    // The sentence of the document that holds the rare word asked about, though many records share its other words.
    ['Hvad står der om effektiviseringer i notatet til ØU fra februar 2010?', /mulige effektiviseringer/],
    ['Hvad står der om hotspot i notatet til ØU fra februar 2010?', /forankring af hotspot/],
  ])('%s', (q, expected) => {
    const got = answer(q);
    expect(got.outcome).toBe('answered');
    expect(got.text).toMatch(expected);
  });
});
