// fold (text.ts) returns text that is already folded as it is, without working it out again: the same result
// as folding it, for every word and sentence of the shipped knowledge base, folded and as written.
import { fold } from '../../src/answering/text';
import { shippedKnowledgeBase } from '../support/knowledge-files';

// fold's shortcut takes only text that begins with a letter or digit: the same text after a space is always
// worked out in full, and folding trims the space again.
const folded = (text: string) => fold(` ${text}`);

describe('fold', () => {
  const kb = shippedKnowledgeBase();
  const texts = Object.values(kb.sourceTexts).flatMap((t) => t.split(/(?<=[.!?])\s+|\n/));
  const samples = [...texts, ...texts.map(folded), ...texts.flatMap((t) => folded(t).split(' ')), '', ' ', 'a  b', ' ssp+ ', '§ 17', 'ssp+', 'Æ45', 'ae45 '];

  it('folds every sentence and word of the sources, folded or not, as before', () => {
    expect(samples.length).toBeGreaterThan(5_000);
    for (const s of samples) expect(fold(s)).toBe(folded(s));
  });
});
