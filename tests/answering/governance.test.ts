// Questions about who decides and coordinates, reporting deadlines and what the
// documents say, in words of the asker's own (fixtures/governance-probes.ts).
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import { DATED, DOCUMENT_FIELDS, QUESTION_WORDS, STRATEGY_END, WHO_DOES } from './fixtures/governance-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

describe('the words that say what kind of answer is wanted', () => {
  it.each(QUESTION_WORDS.map((t) => [t.q, t] as const))('%s', (_q, turn) => {
    expect(conversationMisses(engine, [turn], today)).toEqual([]);
  });
});

describe.each([
  ['who does something: the agent, not the object the question names', WHO_DOES],
  ['a month or a day: what the sources date in it', DATED],
  ['a document field asked by its own word', DOCUMENT_FIELDS],
  ['when the current strategy ends', STRATEGY_END],
] as const)('%s', (_name, turns) => {
  it.each(turns.map((t) => [t.q, t] as const))('%s', (_q, turn) => {
    expect(conversationMisses(engine, [turn], today)).toEqual([]);
  });
});
