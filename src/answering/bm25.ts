// The ranking of the search (search.ts): BM25+ over a few weighted fields, exactly
// as MiniSearch 7 scores an OR query of exact terms, so that every score, and the
// order of equal scores, is MiniSearch's to the last bit. MiniSearch works a term's
// score out for every document that holds it on every query, walking its
// nested maps and building match records nobody reads; here each term's
// postings and their BM25 values are worked out once, when the index is built,
// and a query only multiplies and adds them. tests/answering/bm25.test.ts holds it
// to MiniSearch's scores.

/** A term of a query and how much it counts (MiniSearch's boostTerm). */
export interface QueryTerm {
  readonly term: string;
  readonly boost: number;
}

interface Scored {
  /** The document's place in the list the index was built from. */
  readonly id: number;
  readonly score: number;
}

export interface Bm25Index<F extends string> {
  /**
   * The documents that hold any of the terms, best first (equal scores in the order MiniSearch gives them).
   * @param fieldBoosts the fields scored and how much each counts (MiniSearch's fields and boost), in the order given
   */
  search(terms: readonly QueryTerm[], fieldBoosts: Readonly<Partial<Record<F, number>>>): Scored[];
}

/** MiniSearch's defaults: k₁, b and BM25+'s δ. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** The documents of one field that hold a term, in the order they were added, with the term's BM25+ value in each. */
interface Postings {
  readonly docs: Int32Array;
  readonly values: Float64Array;
}

/**
 * @param fields the fields, in the order MiniSearch was given them
 * @param termsOf each document's terms in a field, one per occurrence (what MiniSearch's processTerm gives for
 *   each of tokenize's tokens), and how many distinct tokens the field has (MiniSearch's field length)
 */
export function buildBm25<F extends string>(
  fields: readonly F[],
  count: number,
  termsOf: (doc: number, field: F) => { readonly terms: readonly string[]; readonly length: number },
): Bm25Index<F> {
  // Term frequencies by term, then field, then document (Maps keep the documents in the order they were added).
  const frequencies = new Map<string, Map<F, Map<number, number>>>();
  const lengths = fields.map(() => new Int32Array(count));
  // MiniSearch keeps each field's average length as a running mean; the same arithmetic gives the same value.
  const averages = fields.map(() => 0);
  for (let doc = 0; doc < count; doc++)
    fields.forEach((field, f) => {
      const { terms, length } = termsOf(doc, field);
      lengths[f]![doc] = length;
      averages[f] = (averages[f]! * doc + length) / (doc + 1);
      for (const term of terms) {
        let byField = frequencies.get(term);
        if (!byField) frequencies.set(term, (byField = new Map()));
        let byDoc = byField.get(field);
        if (!byDoc) byField.set(field, (byDoc = new Map()));
        byDoc.set(doc, (byDoc.get(doc) ?? 0) + 1);
      }
    });

  const postings = new Map<string, Map<F, Postings>>();
  for (const [term, byField] of frequencies) {
    const out = new Map<F, Postings>();
    for (const [field, byDoc] of byField) {
      const f = fields.indexOf(field);
      const matching = byDoc.size;
      const invDocFreq = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
      const docs = new Int32Array(matching);
      const values = new Float64Array(matching);
      let i = 0;
      for (const [doc, tf] of byDoc) {
        docs[i] = doc;
        values[i] = invDocFreq * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[f]![doc]!) / averages[f]!)));
        i++;
      }
      out.set(field, { docs, values });
    }
    postings.set(term, out);
  }

  return {
    search(terms, fieldBoosts) {
      const scored = Object.keys(fieldBoosts) as F[];
      // Per document: the sum over the terms (in query order) of each term's sum over the fields (in field order),
      // and how many of the terms it holds; MiniSearch adds in that order, and multiplies the sum by that count.
      // (Arrays by document, and the documents in the order they were first met: MiniSearch's Map order.)
      const sums = new Float64Array(count);
      const matched = new Int32Array(count);
      const order: number[] = [];
      const own = new Float64Array(count);
      const ownSeen = new Uint8Array(count);
      const ownOrder: number[] = [];
      const seen = new Set<string>();
      for (const { term, boost } of terms) {
        const byField = term ? postings.get(term) : undefined;
        if (!byField) continue;
        // (A term asked twice adds twice, but counts once among the terms a document holds.)
        const again = seen.has(term);
        seen.add(term);
        ownOrder.length = 0;
        for (const field of scored) {
          const p = byField.get(field);
          if (!p) continue;
          const weight = boost * fieldBoosts[field]!;
          for (let i = 0; i < p.docs.length; i++) {
            const doc = p.docs[i]!;
            const value = weight * p.values[i]!;
            if (ownSeen[doc]) own[doc] = own[doc]! + value;
            else {
              ownSeen[doc] = 1;
              own[doc] = value;
              ownOrder.push(doc);
            }
          }
        }
        for (const doc of ownOrder) {
          ownSeen[doc] = 0;
          if (matched[doc] === 0) {
            order.push(doc);
            sums[doc] = own[doc]!;
            matched[doc] = 1;
          } else {
            sums[doc] = sums[doc]! + own[doc]!;
            if (!again) matched[doc] = matched[doc]! + 1;
          }
        }
      }
      const results: Scored[] = order.map((id) => ({ id, score: sums[id]! * matched[id]! }));
      // (Array.prototype.sort is stable: equal scores keep MiniSearch's order.)
      return results.sort((a, b) => b.score - a.score);
    },
  };
}
