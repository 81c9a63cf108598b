// "Hvad skete der i …?": the answer is an event of the sources' history, dated in the year the question names
// (probes written for the rule, not taken from any evaluation file).
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses, type ProbeTurn } from './fixtures/conversation';

const HAPPENED: readonly ProbeTurn[] = [
  { q: 'Hvad skete der med ekstremismen i 2009?', expect: /starter indsats/ },
  { q: 'What happened in 2020 with extremism?', expect: /independent subject principle/ },
  { q: 'Hvad skete der med tryghedsvagterne i 2024?', expect: /traeder i kraft/ },
  { q: 'Hvad skete der med racismen i 2023?', expect: /vedtages/ },
];

const engine = createEngine(shippedKnowledgeBase(), 'da');

it.each(HAPPENED.map((p) => [p.q, p] as const))('answers what happened with the event of the year named: %s', (_q, probe) => {
  expect(conversationMisses(engine, [probe], '2026-12-02')).toEqual([]);
});
