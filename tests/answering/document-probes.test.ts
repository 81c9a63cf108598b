// The document probes (tests/answering/fixtures/document-probes.ts), each asked in a conversation of its own.
import { createEngine } from '../../src/answering/engine';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { CONTACT_DETAILS, FOOTNOTES, type DocumentProbe } from './fixtures/document-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-03';

function miss({ q, expect: wanted }: DocumentProbe): string | undefined {
  const r = engine.respond({ text: q }, undefined, today);
  const text = evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')).replace(/\s+/g, ' ');
  const ok = wanted === 'fallback' ? r.outcome !== 'answered' : r.outcome === 'answered' && wanted.test(text);
  return ok ? undefined : `${r.outcome}: ${text.slice(0, 160)}`;
}

describe.each([
  ['a footnote of the budget table', FOOTNOTES],
  ['a contact detail asked for by its field', CONTACT_DETAILS],
] as const)('%s', (_title, probes) => {
  it.each(probes.map((p) => [p.q, p] as const))('%s', (_q, probe) => {
    expect(miss(probe)).toBeUndefined();
  });
});
