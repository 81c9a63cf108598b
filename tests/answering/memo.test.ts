import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Answer } from '../../src/answering/answer';
import { createEngine, type ConversationState, type Engine } from '../../src/answering/engine';
import { memoEngine } from '../../src/answering/memo';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const TODAY = '2026-12-02';

function questionsOf(file: string): { q: string; conv?: string }[] {
  return readFileSync(path.join(__dirname, '..', 'evaluation', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { q: string; conv?: string });
}

/** Every answer and state of a tuning bank asked as one session, as the evaluation's --session does. */
function session(engine: Pick<Engine, 'respond'>, questions: readonly { q: string; conv?: string }[]) {
  const states = new Map<string, ConversationState>();
  return questions.map(({ q, conv = 'session' }) => {
    const result = engine.respond({ text: q }, states.get(conv), TODAY);
    states.set(conv, result.state);
    return result;
  });
}

describe('the memo of the engine', () => {
  const kb = shippedKnowledgeBase();

  it.each(['dev.jsonl', 'bank-tune.jsonl', 'bank2-tune.jsonl'])('%s as a session: the same answers and states as the engine alone, also when remembered', (file) => {
    const questions = questionsOf(file);
    const plain = session(createEngine(kb, 'da'), questions);
    const memo = memoEngine(createEngine(kb, 'da'), 10_000);
    const first = session(memo, questions);
    // Asked again, every answer comes from the memo.
    const again = session(memo, questions);
    expect(first).toEqual(plain);
    expect(again).toEqual(plain);
  });

  /** An engine that says how often it was asked. */
  function counted() {
    const asked: string[] = [];
    const answer = (text: string): Answer => ({ kind: 'answer', lang: 'da', title: text, text, facts: [], warnings: [], citations: [], followUps: [], suggestions: [], summary: text });
    const engine: Engine = {
      respond: (question, state) => {
        asked.push(question.text);
        return { answer: answer(question.text), state: { ...state, lang: 'da' }, outcome: 'answered' };
      },
      help: () => answer('help'),
    };
    return { engine, asked };
  }

  it('keeps at most its size, forgetting the least recently used first', () => {
    const { engine, asked } = counted();
    const memo = memoEngine(engine, 2);
    for (const q of ['a', 'b', 'a', 'c', 'a', 'b']) memo.respond({ text: q }, undefined, TODAY);
    // "a" was used again before "c" came, so "b" went; then "b" came back and "c" went.
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
    memo.respond({ text: 'c' }, undefined, TODAY);
    expect(asked).toEqual(['a', 'b', 'c', 'b', 'c']);
  });

  it('tells apart what the answer depends on: the words, the locale, the state and the day', () => {
    const { engine, asked } = counted();
    const memo = memoEngine(engine, 100);
    const state: ConversationState = { topic: { id: 'x', type: 'initiative', intents: [], years: [] }, lang: 'da' };
    memo.respond({ text: 'q' }, undefined, TODAY);
    memo.respond({ text: '  q ' }, undefined, TODAY);
    memo.respond({ text: 'q', localeLang: 'en' }, undefined, TODAY);
    memo.respond({ text: 'q' }, state, TODAY);
    memo.respond({ text: 'q' }, undefined, '2026-12-03');
    // Only the padded text is the same question (the engine trims it).
    expect(asked).toHaveLength(4);
  });

  it('size 0 is the engine itself', () => {
    const { engine } = counted();
    expect(memoEngine(engine, 0)).toBe(engine);
  });
});
