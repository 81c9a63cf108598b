// The English question-word probes (tests/answering/fixtures/english-word-probes.ts), each asked on its own with a
// Danish client locale (a Danish Teams may be used to ask in English): answered rightly, and in English.
import { createEngine } from '../../src/answering/engine';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { AMOUNT_WORDS, COUNT_WORDS, DOCUMENT_WORDS, KIND_WORDS, MEETING_WORDS, PURPOSE_WORDS, WHO_WORDS, type EnglishWordProbe } from './fixtures/english-word-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

function miss({ q, expect: wanted }: EnglishWordProbe): string | undefined {
  const r = engine.respond({ text: q, localeLang: 'da' }, undefined, today);
  const text = evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')).replace(/\s+/g, ' ');
  const ok = r.outcome === 'answered' && r.answer.lang === 'en' && wanted.test(text);
  return ok ? undefined : `${r.outcome} (${r.answer.lang}): ${text.slice(0, 160)}`;
}

describe.each([
  ['"in charge of", "responsible for", "run by", "led by", "chaired" ask for a person or body', WHO_WORDS],
  ['"set aside", "allocated", "earmarked", "budgeted" ask for an amount', AMOUNT_WORDS],
  ['"hold", "held", "attended" say a meeting took place', MEETING_WORDS],
  ['"supposed to", "meant to", "intended to", "expected to" frame the question', PURPOSE_WORDS],
  ['"subject principle", "basic principles", "appendix" name a kind of principle', KIND_WORDS],
  ['"how many people …" asks what the sources count, or says they do not', COUNT_WORDS],
  ['"caseworker" asks for a document\'s case officer', DOCUMENT_WORDS],
] as const)('%s', (_title, probes) => {
  it.each(probes.map((p) => [p.q, p] as const))('%s', (_q, probe) => {
    expect(miss(probe)).toBeUndefined();
  });
});
