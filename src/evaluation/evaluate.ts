// Runs an evaluation question file through the assistant in-process and
// scores what a Teams user would see: the rendered answer card.
import { renderAnswerCard } from '../cards/render';
import type { Lang } from '../kernel/lang';
import { createEngine, type ConversationState, type Engine, type Trace } from '../answering/engine';
import { createEngine as createBaselineEngine } from './baseline/engine';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { replyStrings, score, type EvalQuestion, type Scored } from './score';

export interface EvalReport {
  readonly results: readonly (Scored & { readonly trace?: Trace })[];
  readonly passed: number;
  readonly byKind: Readonly<Record<string, { passed: number; total: number }>>;
}

/**
 * new: the assistant's engine; old: the engine before the rebuild (issue 11), kept in baseline/ to
 * compare; fuse: that old engine with fuse.js as its only matcher, the simplest baseline.
 */
export type EngineName = 'new' | 'old' | 'fuse';
export const ENGINE_NAMES: readonly EngineName[] = ['old', 'fuse', 'new'];

function engineFor(name: EngineName, kb: KnowledgeBase, defaultLang: Lang, trace?: (t: Trace) => void): Pick<Engine, 'respond'> {
  if (name === 'new') return createEngine(kb, defaultLang, { trace });
  return createBaselineEngine(kb, defaultLang, name === 'old' ? 'ranker' : 'fuse');
}

/**
 * `session`: every question without a `conv` is asked in one conversation, one after
 * another, as `ask.mjs --session` does; otherwise each opens its own.
 */
export function evaluate(
  kb: KnowledgeBase,
  questions: readonly EvalQuestion[],
  today: string,
  options: { defaultLang?: Lang; engine?: EngineName; session?: boolean; explain?: boolean } = {},
): EvalReport {
  const { defaultLang = 'da', engine: name = 'new', session = false } = options;
  let last: Trace | undefined;
  const engine = engineFor(name, kb, defaultLang, options.explain ? (t) => (last = t) : undefined);
  const conversations = new Map<string, ConversationState>();
  const results = questions.map((item) => {
    const key = item.conv ?? (session ? 'session' : item.id);
    // The evaluation sends an English locale only with English questions, as ask.mjs does.
    const localeLang: Lang = item.kind === 'english' && [...item.q].every((c) => c.charCodeAt(0) < 0x80) ? 'en' : 'da';
    const { answer, state } = engine.respond({ text: item.q, localeLang }, conversations.get(key), today);
    conversations.set(key, state);
    const card = renderAnswerCard(answer, { answerId: item.id });
    const trace = last;
    last = undefined;
    return { ...score(item, replyStrings(card).join('\n')), trace };
  });
  const byKind: Record<string, { passed: number; total: number }> = {};
  for (const r of results) {
    const k = (byKind[r.item.kind] ??= { passed: 0, total: 0 });
    k.total++;
    if (r.ok) k.passed++;
  }
  return { results, passed: results.filter((r) => r.ok).length, byKind };
}
