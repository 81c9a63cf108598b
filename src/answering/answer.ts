// What the answering core gives back: plain data, no SDK types. The Teams edge
// renders it as an adaptive card; the terminal chat prints it as text.
import type { Citation } from '../kernel/citation';
import type { Lang } from '../kernel/lang';

/** A question as the core sees it, whatever channel it came from. */
export interface Question {
  readonly text: string;
  /** The client's language where it says one (Teams' locale); the text itself decides otherwise. */
  readonly localeLang?: Lang;
}

export interface Answer {
  /**
   * answer: sure of it; suggestions: the question was ambiguous and `suggestions` offers
   * the likely meanings ("Mente du …?"); fallback: outside what the knowledge base knows;
   * help: the welcome/help text.
   */
  readonly kind: 'answer' | 'suggestions' | 'fallback' | 'help';
  readonly lang: Lang;
  readonly title: string;
  /** The answer in short paragraphs (Adaptive Cards' markdown subset). */
  readonly text: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly warnings: readonly string[];
  readonly citations: readonly Citation[];
  /** Follow-up questions offered as buttons. */
  readonly followUps: readonly string[];
  /** For kind "suggestions": what the person may have meant, each a question to ask. */
  readonly suggestions: readonly { readonly label: string; readonly question: string }[];
  /** The records a list answer lists, in the order shown: what a follow-up's "den anden", "the last one" points to. */
  readonly listed?: readonly string[];
  /** One line for notifications and clients that show no cards. */
  readonly summary: string;
}
