// What a question asks for, apart from what it is about: an amount, a split,
// a list, a date, a person … Recognised from Danish and English phrasings in
// the folded text, so "hvor laenge", "hvor længe" and "how long" are one intent.
import { fold } from '../../answering/text';

export type Intent =
  | 'amount'
  | 'split'
  | 'permanent'
  | 'fundingEnd'
  | 'total'
  | 'list'
  | 'principles'
  | 'focusAreas'
  | 'initiatives'
  | 'count'
  | 'who'
  | 'contact'
  | 'when'
  | 'why'
  | 'deadline'
  | 'current'
  | 'decision'
  | 'help';

const PATTERNS: Record<Intent, RegExp> = {
  amount: /\b(hvor meget|hvad koster|koster|beloeb\w*|belob\w*|bevilg\w*|faar|far|how much|receives?|costs?|amount|mio|millioner|penge|money|funding)\b/,
  split: /\b(fordel\w*|split\w*|andel\w*|divided|shared|share)\b/,
  permanent: /\b(varig\w*|permanent\w*)\b/,
  fundingEnd: /\b(hvor (laenge|lange)|udl(oe|o)b\w*|slutter|ophoer\w*|how long|until when|expir\w*|runs? out|ends?|ending|last funded|sidste (aar|ar))\b/,
  total: /\b(i alt|samlet|total\w*|sum)\b/,
  list: /\b(hvilke|which|list\w*|oversigt|alle|overview)\b/,
  principles: /\b(\w*princip\w*)\b/,
  focusAreas: /\b(fokusomr\w*|fokus omr\w*|focus areas?)\b/,
  initiatives: /\b(indsats\w*|initiativ\w*|initiatives?|projekt\w*|tilbud)\b/,
  count: /\b(hvor mange|antal\w*|how many|number of)\b/,
  who: /\b(hvem|who|whom)\b/,
  contact: /\b(kontakt\w*|contact|e ?mail\w*|mail|telefon\w*|tlf|phone|adresse\w*|address|hvor ligger|where is|located|ringe|skrive til)\b/,
  when: /\b(hvornaar|hvornar|when|dato|date|hvilket (aar|ar)|what year|begyndte|startede|started|began|founded|grundlagt|etableret)\b/,
  why: /\b(hvorfor|why|begrund\w*|reasons?|baggrund\w*)\b/,
  deadline: /\b(frist\w*|deadline\w*|afrapporter\w*|rapportering\w*|reporting|indberet\w*|due)\b/,
  current: /\b(nuvaerende|nuvarende|gaeldende|galdende|aktuelle|current\w*|now|i dag|today|stadig|still)\b/,
  decision: /\b(vedt\w*|godkend\w*|approv\w*|adopt\w*|besluttede|decided)\b/,
  help: /^(hjaelp|hjalp|help|hjelp|\?|hvad kan du( goere| gore)?|what can you do|kom i gang|start)\W*$/,
};

// The same patterns, to cut every intent's words out of the topic (built once, not per question).
const INTENT_WORDS = Object.values(PATTERNS).map((pattern) => new RegExp(pattern.source, 'g'));

export interface Understanding {
  readonly folded: string;
  /** The question without the words that only say what kind of answer is wanted: what it is about. */
  readonly topic: string;
  readonly intents: ReadonlySet<Intent>;
  /** Years the question names, in order. */
  readonly years: readonly string[];
  /** "og i 2026?", "hvor mange … har det?", "and how is it split?": leans on the previous answer. */
  readonly leansOnContext: boolean;
}

export function understand(text: string): Understanding {
  // "When did Sikker By start?": "start" is also a name ("How much does Ny Start receive?"); as the
  // question's last word after "did" it is the verb.
  const folded = fold(text).replace(/\b(did|does|do)\b(.*)\b(start|begin)$/, '$1$2started');
  const intents = new Set<Intent>();
  for (const [intent, pattern] of Object.entries(PATTERNS) as [Intent, RegExp][]) if (pattern.test(folded)) intents.add(intent);
  let topic = folded;
  for (const words of INTENT_WORDS) topic = topic.replace(words, ' ');
  // Years select (a strategy, a column of the budget table) rather than name a topic.
  topic = topic.replace(/\b(19|20)\d\d\b/g, ' ').replace(/\s+/g, ' ').trim();
  const years = [...folded.matchAll(/\b(19|20)\d\d\b/g)].map((m) => m[0]);
  const leansOnContext =
    /^(og|and|hvad med|what about|men|but|samt|ogsaa)\b/.test(folded) ||
    /\b(det|den|dens|dets|denne|dette|it|its|they|them|their|deres|ham|hende)\b/.test(folded);
  return { folded, topic, intents, years, leansOnContext };
}
