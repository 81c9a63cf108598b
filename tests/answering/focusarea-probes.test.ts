// Focus-area questions in words of one's own (not taken from any evaluation file): the statement about the new focus
// areas proposed at the mid-term status, asked with the verb the source uses ("tilføjet") beside the many records
// named Sikker By, or with a verb it does not use ("ønsker"), where each of the two areas covers as much as the statement.
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses, type ProbeTurn } from './fixtures/conversation';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-02';

const PROPOSED = /migranter.*psykisk syge|psykisk syge.*migranter/;

const CONVERSATIONS: readonly (readonly ProbeTurn[])[] = [
  [{ q: 'Hvilke to fokusområder vil Sikker By-samarbejdet tilføje?', expect: PROPOSED }],
  [{ q: 'Hvilke fokusområder ønsker samarbejdet at tilføje?', expect: PROPOSED }],
  [{ q: 'Hvilke fokusområder vurderer samarbejdet bør indgå?', expect: PROPOSED }],
  // One of them asked about alone is still that one.
  [{ q: 'Hvem foreslog migranter som fokusområde?', expect: /kultur- og fritidsforvaltningen/ }],
];

describe('focus areas asked in other words', () => {
  it.each(CONVERSATIONS.map((c) => [c[0]!.q, c] as const))('%s', (_first, turns) => {
    expect(conversationMisses(engine, turns, today)).toEqual([]);
  });
});
