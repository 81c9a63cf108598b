// The history probes (tests/answering/fixtures/history-probes.ts), each asked in a conversation of its own.
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import { BEFORE_AFTER, BEGAN_ENDED, CHAIRS, SEASONS } from './fixtures/history-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-03';

describe.each([
  ['a season of a year', SEASONS],
  ['who chaired or led a body', CHAIRS],
  ['when something began or ended', BEGAN_ENDED],
  ['what came before or after a period', BEFORE_AFTER],
] as const)('%s', (_title, probes) => {
  it.each(probes.map((p) => [p.q, p] as const))('%s', (_q, probe) => {
    expect(conversationMisses(engine, [probe], today)).toEqual([]);
  });
});
