// The principle and focus-area probes (tests/answering/fixtures/principle-probes.ts), each conversation asked on its own.
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import {
  COUNTS,
  FOCUS_AREA_BY_CONTENT,
  FOCUS_AREAS_OF,
  FOLLOW_UPS,
  LISTED,
  MIDTERM,
  ORDINAL_OF_STRATEGY,
  PRINCIPLE_BY_CONTENT,
  PRINCIPLE_OF,
  PRINCIPLE_OF_RECORD,
  PROPOSED,
  WORDING,
} from './fixtures/principle-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

describe.each([
  ['a principle’s focus areas, asked for by the principle', FOCUS_AREAS_OF],
  ['how many focus areas a principle has', COUNTS],
  ['the principle a focus area belongs to', PRINCIPLE_OF],
  ['a focus area asked for by what it is about', FOCUS_AREA_BY_CONTENT],
  ['a principle by its content words: the current strategy’s unless the earlier one is named', PRINCIPLE_BY_CONTENT],
  ['a principle by its place in a named strategy', ORDINAL_OF_STRATEGY],
  ['the focus areas proposed at the midterm status, and by whom', PROPOSED],
  ['a plural question lists every principle that covers it', LISTED],
  ['a principle’s midterm status', MIDTERM],
  ['follow-ups on a principle or a focus area', FOLLOW_UPS],
  ['a principle’s wording, its strategy’s years written short', WORDING],
  ['the principle a term, plan or event belongs to', PRINCIPLE_OF_RECORD],
] as const)('%s', (_title, conversations) => {
  it.each(conversations.map((turns) => [turns.map((t) => t.q).join(' → '), turns] as const))('%s', (_q, turns) => {
    expect(conversationMisses(engine, turns, today)).toEqual([]);
  });
});
