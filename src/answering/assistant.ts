// The assistant as the channels see it: a question in, an answer out. The
// Teams edge (src/teams) and the terminal chat both talk to this interface only.
import type { Lang } from '../kernel/lang';
import type { Answer, Question } from './answer';

export interface Assistant {
  /** Answers a question in the context of its conversation (follow-ups such as "og i 2025?"). */
  ask(question: Question, conversationId: string): Promise<Answer>;
  /** The welcome and help text, with example questions. */
  help(lang: Lang): Answer;
}
