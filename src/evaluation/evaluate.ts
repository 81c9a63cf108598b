// Runs an evaluation question file through the assistant in-process and
// scores what a Teams user would see: the rendered answer card.
import { renderAnswerCard } from '../cards/render';
import type { Lang } from '../kernel/lang';
import { createEngine, type ConversationState, type Matcher } from '../answering/engine';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { replyStrings, score, type EvalQuestion, type Scored } from './score';

export interface EvalReport {
  readonly results: readonly Scored[];
  readonly passed: number;
  readonly byKind: Readonly<Record<string, { passed: number; total: number }>>;
}

export function evaluate(kb: KnowledgeBase, questions: readonly EvalQuestion[], today: string, defaultLang: Lang = 'da', matcher: Matcher = 'ranker'): EvalReport {
  const engine = createEngine(kb, defaultLang, matcher);
  const conversations = new Map<string, ConversationState>();
  const results = questions.map((item) => {
    const key = item.conv ?? item.id;
    // The evaluation sends an English locale only with English questions, as ask.mjs does.
    const localeLang: Lang = item.kind === 'english' && [...item.q].every((c) => c.charCodeAt(0) < 0x80) ? 'en' : 'da';
    const { answer, state } = engine.respond({ text: item.q, localeLang }, conversations.get(key), today);
    conversations.set(key, state);
    const card = renderAnswerCard(answer, { answerId: item.id });
    return score(item, replyStrings(card).join('\n'));
  });
  const byKind: Record<string, { passed: number; total: number }> = {};
  for (const r of results) {
    const k = (byKind[r.item.kind] ??= { passed: 0, total: 0 });
    k.total++;
    if (r.ok) k.passed++;
  }
  return { results, passed: results.filter((r) => r.ok).length, byKind };
}
