// The assistant service: the pure engine plus what it needs from the outside
// world (the conversation's state, the clock, the log of unanswered questions).
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { localDate } from '../knowledge/currency';
import type { Store } from '../storage/store';
import type { Lang } from './answer';
import type { Assistant } from './assistant';
import { ConversationState, createEngine } from './engine';

export interface AssistantOptions {
  readonly kb: KnowledgeBase;
  readonly store: Store;
  readonly now: () => Date;
  readonly timeZone: string;
  readonly defaultLang: Lang;
}

export function createAssistant({ kb, store, now, timeZone, defaultLang }: AssistantOptions): Assistant {
  const engine = createEngine(kb, defaultLang);
  return {
    help: (lang) => engine.help(lang),
    async ask(question, conversationId) {
      const at = now();
      const stored = ConversationState.safeParse(await store.getConversationState(conversationId));
      const { answer, state, outcome } = engine.respond(question, stored.success ? stored.data : undefined, localDate(at, timeZone));
      await store.setConversationState(conversationId, state, at);
      if (outcome === 'fallback' || outcome === 'suggested')
        await store.recordUnanswered({ question: question.text.slice(0, 2000), lang: answer.lang, outcome: outcome === 'suggested' ? 'suggestions' : 'fallback', at });
      return answer;
    },
  };
}
