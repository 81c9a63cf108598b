// An exact memo of the engine: `respond` is a pure function of the question's
// text and locale, the conversation's state and today's date for one knowledge
// base, and people ask the same few questions over and over. The memo belongs
// to the engine of one knowledge base version (service.ts builds a new one on
// a reload), so a reload empties it. Bounded: the least recently used answer
// goes first. A remembered answer is shared by everyone who gets it: it is
// read-only (its type says so), and nothing downstream changes an answer.
import type { Engine } from './engine';

/** The engine with its last `size` answers remembered; size 0: the engine itself. */
export function memoEngine(engine: Engine, size: number): Engine {
  if (size <= 0) return engine;
  const results = new Map<string, ReturnType<Engine['respond']>>();
  return {
    help: engine.help,
    respond(question, state, today) {
      // Everything respond reads: the text as it reads it (trimmed), the locale, the state, the date.
      const key = JSON.stringify([question.text.trim(), question.localeLang ?? null, state ?? null, today]);
      const kept = results.get(key);
      if (kept) {
        // Re-inserted so that the Map's order is least recently used first.
        results.delete(key);
        results.set(key, kept);
        return kept;
      }
      const result = engine.respond(question, state, today);
      results.set(key, result);
      if (results.size > size) results.delete(results.keys().next().value as string);
      return result;
    },
  };
}
