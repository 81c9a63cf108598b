// The initiative probes (tests/answering/fixtures/initiative-probes.ts), each asked in a conversation of its own.
import { createEngine } from '../../src/answering/engine';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { DESCRIBED, LOOSELY, MARKED, SHARED, UNLINKED, type InitiativeProbe } from './fixtures/initiative-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

function miss({ q, expect: wanted }: InitiativeProbe): string | undefined {
  const r = engine.respond({ text: q }, undefined, today);
  const text = evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')).replace(/\s+/g, ' ');
  const ok = wanted === 'fallback' ? r.outcome !== 'answered' : r.outcome === 'answered' && wanted.test(text);
  return ok ? undefined : `${r.outcome}: ${text.slice(0, 160)}`;
}

describe.each([
  ['what an initiative is for, whom it is for and who runs it', DESCRIBED],
  ['which part of the strategy an initiative belongs to (the sources do not say)', UNLINKED],
  ['how a line of the budget table is marked', MARKED],
  ['which initiatives share a trait', SHARED],
  ['an initiative named loosely', LOOSELY],
] as const)('%s', (_title, probes) => {
  it.each(probes.map((p) => [p.q, p] as const))('%s', (_q, probe) => {
    expect(miss(probe)).toBeUndefined();
  });
});
