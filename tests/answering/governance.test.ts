// Questions about who decides and coordinates, reporting deadlines and what the
// documents say, in words of the asker's own (fixtures/governance-probes.ts).
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import { QUESTION_WORDS } from './fixtures/governance-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

describe('the words that say what kind of answer is wanted', () => {
  it.each(QUESTION_WORDS.map((t) => [t.q, t] as const))('%s', (_q, turn) => {
    expect(conversationMisses(engine, [turn], today)).toEqual([]);
  });
});
