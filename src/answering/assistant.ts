// The assistant as the channels see it: a question in, an answer out. The
// Teams edge (src/teams) and the terminal chat both talk to this interface only.
import type { Lang } from '../kernel/lang';
import type { Answer, Question } from './answer';

export interface Assistant {
  /**
   * Answers a question in the context of its conversation (follow-ups such as "og i 2025?").
   * `alongside` is a write of the caller's about the answer (the sent answer, for its rating
   * buttons), made together with the assistant's own writes: one commit round, not two.
   */
  ask(question: Question, conversationId: string, alongside?: (answer: Answer) => Promise<unknown>): Promise<Answer>;
  /** The welcome and help text, with example questions. */
  help(lang: Lang): Answer;
}
