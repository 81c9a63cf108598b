// The baseline the word ranker (search.ts) is measured against: the same
// SearchIndex built from fuse.js alone, tuned as far as fuse.js goes (folded
// text, names weighted over descriptions, one search per topic word with the
// scores summed). `npm run eval -- FILE --matcher both` prints both figures.
import Fuse from 'fuse.js';
import type { Hit, SearchDocument, SearchIndex } from './search';
import { fold, isStopword, tokens } from '../../answering/text';

/** A word counts as found in a record when fuse.js scores it at least this well (0 is perfect). */
const FOUND_BELOW = 0.35;

export function buildFuseSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const fuse = new Fuse(
    documents.map((d) => ({ d, names: d.names.map(fold), text: fold(d.text) })),
    {
      keys: [
        { name: 'names', weight: 3 },
        { name: 'text', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.4,
    },
  );
  const words = (question: string) => tokens(question).filter((t) => t.length > 1 && !isStopword(t));
  const matches = (word: string) => fuse.search(word, { limit: 50 });

  return {
    search(question, options = {}) {
      const ws = words(question);
      if (ws.length === 0) return [];
      const byId = new Map<string, { doc: SearchDocument; score: number; found: number }>();
      for (const w of ws) {
        for (const r of matches(w)) {
          const entry = byId.get(r.item.d.id) ?? { doc: r.item.d, score: 0, found: 0 };
          const s = 1 - (r.score ?? 1);
          entry.score += s;
          if ((r.score ?? 1) < FOUND_BELOW) entry.found++;
          byId.set(r.item.d.id, entry);
        }
      }
      const hits: Hit[] = [...byId.values()].map(({ doc, score, found }) => ({
        id: doc.id,
        type: doc.type,
        score: score * (options.weigh?.(doc.id, doc.type) ?? 1),
        coverage: found / ws.length,
      }));
      return hits.sort((a, b) => b.score - a.score);
    },
    unknownWords(question) {
      return words(question).filter((w) => !matches(w).some((r) => (r.score ?? 1) < FOUND_BELOW));
    },
  };
}
