// The conversation state goes into the store as JSON, and the store refuses what JSON cannot
// carry exactly (an `undefined` key, NaN, a Date): a state that is not plain JSON fails the turn.
// Every state the engine returns, fresh and along one long conversation, must survive the round trip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine, type ConversationState } from '../../src/answering/engine';
import { ConversationState as StoredState } from '../../src/storage/rows';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const questions = ['dev.jsonl', 'bank-tune.jsonl', 'bank3-tune.jsonl'].flatMap((file) =>
  readFileSync(path.join(__dirname, '..', 'evaluation', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q),
);

it('returns states the store can keep, fresh and in one conversation', () => {
  const bad: string[] = [];
  let state: ConversationState | undefined;
  for (const q of questions) {
    for (const before of [undefined, state]) {
      const next = engine.respond({ text: q }, before, '2026-12-02').state;
      if (!StoredState.safeParse(next).success) bad.push(`${q} (${before ? 'in the conversation' : 'fresh'})`);
      if (before) state = next;
    }
  }
  expect(bad).toEqual([]);
});
