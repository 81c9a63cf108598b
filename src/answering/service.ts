// The assistant service: the pure engine plus what it needs from the outside
// world (the conversation's state, the clock, the log of unanswered questions).
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Metrics } from '../metrics';
import { localDate } from '../kernel/dates';
import type { ExpertStore } from '../storage/expert-store';
import type { Store } from '../storage/store';
import type { Lang } from '../kernel/lang';
import type { Assistant } from './assistant';
import { ConversationState, createEngine, type Engine } from './engine';
import { memoEngine } from './memo';

export interface AssistantOptions {
  /** The knowledge base in force; it can change while the bot runs (a reload). */
  readonly kb: () => KnowledgeBase;
  /** recordAnswerOutcome: how each question was met, without its text, for the editors' share answered per week. */
  readonly store: Store & Pick<ExpertStore, 'recordAnswerOutcome'>;
  readonly now: () => Date;
  readonly timeZone: string;
  readonly defaultLang: Lang;
  /** Counts answers by outcome and their latency; absent: nothing is counted. */
  readonly metrics?: Pick<Metrics, 'answer'>;
  /** Answers remembered per knowledge base version for questions asked again (memo.ts); 0 or absent: none. */
  readonly answerCacheSize?: number;
}

export function createAssistant({ kb, store, now, timeZone, defaultLang, metrics, answerCacheSize = 0 }: AssistantOptions): Assistant {
  // The engine's index is built once per knowledge base version, not per question; so is its memo.
  let built: { version: string; engine: Engine } | undefined;
  const engineNow = (): Engine => {
    const current = kb();
    if (built?.version !== current.version) built = { version: current.version, engine: memoEngine(createEngine(current, defaultLang), answerCacheSize) };
    return built.engine;
  };
  // Built now, before the bot reports ready: otherwise the first person to ask waits for the index (~0.4 s of CPU).
  engineNow();
  return {
    help: (lang) => engineNow().help(lang),
    async ask(question, conversationId, alongside) {
      // Latency on the monotonic clock: `now` is the calendar, which tests hold still.
      const started = performance.now();
      const engine = engineNow();
      const at = now();
      const stored = ConversationState.safeParse(await store.getConversationState(conversationId));
      const { answer, state, outcome } = engine.respond(question, stored.success ? stored.data : undefined, localDate(at, timeZone));
      // Together, not one after the other: the store makes writes that arrive together in one
      // transaction (SQLite) or one round trip (PostgreSQL), and each awaited write would be a round of its own.
      await Promise.all([
        store.setConversationState(conversationId, state, at),
        outcome === 'fallback' || outcome === 'suggested'
          ? store.recordUnanswered({ question: question.text.slice(0, 2000), lang: answer.lang, outcome: outcome === 'suggested' ? 'suggestions' : 'fallback', at })
          : undefined,
        outcome !== 'help' ? store.recordAnswerOutcome({ outcome: outcome === 'suggested' ? 'suggestions' : outcome, at }) : undefined,
        alongside?.(answer),
      ]);
      metrics?.answer(outcome, (performance.now() - started) / 1000);
      return answer;
    },
  };
}
