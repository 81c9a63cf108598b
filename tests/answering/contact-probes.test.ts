// The contact probes (tests/answering/fixtures/contact-probes.ts), each asked in a conversation of its own.
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import { DETAIL_BY_PURPOSE, OTHER_BODYS_DETAILS, PRINTED_DETAILS, WORKS_ON_TOPIC } from './fixtures/contact-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-03';

describe.each([
  ['a contact detail the sources print for the unit or one of its administration', PRINTED_DETAILS],
  ['the administration a source says works on a topic', WORKS_ON_TOPIC],
  ['a contact detail asked for by what it is for', DETAIL_BY_PURPOSE],
  ['a contact detail of a body found in another body\'s details', OTHER_BODYS_DETAILS],
] as const)('%s', (_title, probes) => {
  it.each(probes.map((p) => [p.q, p] as const))('%s', (_q, probe) => {
    expect(conversationMisses(engine, [probe], today)).toEqual([]);
  });
});
