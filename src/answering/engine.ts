// From a question to an answer: understand what is asked (understand.ts),
// find what it is about (search.ts over the record types of records.ts and the
// sentences of the sources), decide whether that is good enough to answer
// (confidence.ts), and compose the answer. Pure: the knowledge base, the
// conversation's previous topic and today's date come in, the answer and the
// new topic go out.
import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Citation, Principle } from '../knowledge/schema';
import { localName, prose } from '../knowledge/translation';
import type { Lang } from '../kernel/lang';
import type { Answer, Question } from './answer';
import { createAnalyzer } from './analyze';
import { inSeason, markDates, SEASON_LABELS, seasonOf } from './dates';
import * as compose from './compose';
import { Computation, computationOf, computedAnswer, initiativeNamer, withYears } from './compute';
import { commonOnly, coversList, decide, GATE, namesOwnBudget, offTopic, unknownShareOf, unowned, type Decision } from './confidence';
import { fallbackAnswer, helpAnswer, suggestionsAnswer } from './messages';
import { holdsOf, passagesOf, saysIn, type Passage } from './passages';
import * as records from './records';
import { indexEntries, kindOf, type Ask, type IndexEntry } from './registry';
import { periodNeighbour, periodRecord, placeFrom, placeOf, shiftFrom, shiftYears, stepFrom, type Neighbour } from './neighbours';
import { CONTACT_DETAILS, COUNT_WORDS, FOOTNOTE_MARKERS, FROM_END_WORDS, HEADINGS_ASKED, HELP, ORDINAL_WORDS, SECTION_BEFORE, NUMBER_WORDS, NUMBERED_CLASSES, ORDERED_CLASSES, PERIOD_EVENT_WORDS, PERIOD_NEIGHBOURS, POST_LEVEL, STEP_PLANS, type AnswerType, type Intent } from './rules';
import { buildSearchIndex, type Hit, type WordSignal } from './search';
import { createSpeller } from './spelling';
import { createLanguageDetector, fold, tokens } from './text';
import { understand, type Understanding } from './understand';

/**
 * The record the last answer was about, what it was asked and of which years; a computed answer keeps its computation
 * ("og i 2025?" computes it again), a list answer the records it listed ("og den sidste?" is the last of them).
 */
const TopicFields = z.object({
  id: z.string(),
  type: z.string(),
  intents: z.array(z.string()),
  years: z.array(z.string()),
  computation: Computation.optional(),
  listed: z.array(z.string()).optional(),
});
type Topic = z.infer<typeof TopicFields>;
/**
 * What a conversation was last about: enough to understand "og i 2026?". Stored as JSON, and read back by later
 * builds: a state stored before topics kept computations has none, and a computation this build cannot read (stored
 * by an older or newer one) is dropped rather than the conversation's topic with it. (No `computation: undefined`
 * key: the store refuses what JSON cannot carry.)
 */
export const ConversationState = z.object({
  topic: TopicFields.extend({ computation: Computation.optional().catch(undefined) })
    .transform(({ computation, ...topic }): Topic => (computation ? { ...topic, computation } : topic))
    .optional(),
  lang: z.enum(['da', 'en']).optional(),
});
export type ConversationState = z.infer<typeof ConversationState>;

export type Outcome = 'answered' | 'suggested' | 'fallback' | 'help';

export interface Engine {
  respond(question: Question, state: ConversationState | undefined, today: string): { answer: Answer; state: ConversationState; outcome: Outcome };
  help(lang: Lang): Answer;
}

/** What the assistant is about: the topic of a newcomer's "hvad er det her?". */
const SUBJECT = 'Sikker By-samarbejdet';

/** The classes of records that have an order (rules.ts), each with its words compiled once. */
const ORDERED_WORDS = ORDERED_CLASSES.map((c) => ({ of: c.of, word: new RegExp(`^(?:${c.pattern})$`) }));

/** The words of the assistant's subject, as the analyzer folds them ("Sikker By-samarbejdet": sikker, by, samarbejdet). */
const SUBJECT_WORDS = new Set(fold(SUBJECT).split(/[^a-z0-9]+/).filter(Boolean));

/** Topics that are a list rather than one record: an elliptic follow-up re-asks the list. */
const LIST_TOPICS = new Set(['budgetPackage', 'deadlines', 'strategy-list']);

/** What the engine saw when it decided: for `npm run eval -- --explain`, never logged. */
export interface Trace {
  readonly understood: Understanding;
  readonly hits: readonly Hit[];
  readonly unknownShare: number;
  /** The question's content words as the index sees them (rarity, unknown), in the order of each hit's credits. */
  readonly words: readonly WordSignal[];
  readonly route: string;
}

export function createEngine(kb: KnowledgeBase, defaultLang: Lang, options: { trace?: (t: Trace) => void } = {}): Engine {
  const trace = options.trace;
  const entries = indexEntries(kb);
  const passages = passagesOf(kb);
  const passageById = new Map(passages.map((p) => [p.id, p]));
  const analyzer = createAnalyzer(kb.vocabulary, [...entries.flatMap((e) => [...e.names, ...e.text]), ...Object.values(kb.sourceTexts)]);
  const index = buildSearchIndex(entries, passages, analyzer);
  const speller = createSpeller(
    [...entries.flatMap((e) => [...e.names, ...e.text, ...e.questions]), ...Object.values(kb.sourceTexts)],
    entries.flatMap((e) => e.names),
    kb.people.map((p) => p.name),
    analyzer,
  );
  const detectLanguage = languageDetector(kb, entries);
  // "Det fjerde princip i strategien 2018-2021": the records at the place asked for stay candidates, however common the
  // other words are (the strategy's words are in every record of the field).
  const byPlace = new Map<string, Set<string>>();
  for (const p of kb.principles) {
    const place = placeOf(p);
    if (place) byPlace.set(`principle:${place}`, new Set([...(byPlace.get(`principle:${place}`) ?? []), p.id]));
  }
  for (const f of kb.focusAreas) if (f.ordinal) byPlace.set(`focusArea:${f.ordinal}`, new Set([...(byPlace.get(`focusArea:${f.ordinal}`) ?? []), f.id]));
  const placedAt = (u: Understanding) => (u.ordinal?.of ? byPlace.get(`${u.ordinal.of}:${u.ordinal.n}`) : undefined);
  const weighing = weigher(kb, entries);
  // The sections of the documents by their headings ("Løsning", "Status for Center for Sikker By"), each with its
  // sentences in order. Headings are compared loosely folded: the OCR text of 001 writes "Losning" for "Løsning".
  const sections = new Map<string, { source: Passage['source']; heading: string; sentences: string[] }>();
  for (const p of passages) {
    if (p.heading === undefined || p.heading.length < MIN_HEADING) continue;
    const key = `${p.source.file}\n${loose(p.heading)}`;
    const section = sections.get(key) ?? { source: p.source, heading: p.heading, sentences: [] };
    section.sentences.push(p.text);
    sections.set(key, section);
  }
  const sectionPattern = new RegExp(`\\b(?:${SECTION_BEFORE.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\s+(?:(?:overskriften|afsnittet)\\s+(?:om\\s+)?)?(.+)$`);
  // (Compiled once: asked on every turn that names no section.)
  const headingsPattern = new RegExp(`\\b(?:${HEADINGS_ASKED.join('|')})\\b`);
  const headingsWords = new Set(HEADINGS_ASKED.flatMap((w) => analyzer.words(w)));
  // How the records cite the documents' sections, spelt as the documents mean them: the OCR text of 001 writes "Losning"
  // and "Status pa de fem fagprincipper", its citations "Løsning" and "Status på de fem fagprincipper".
  const cited = new Map<string, string>();
  for (const r of kb.byId.values()) {
    const citations: readonly Citation[] = 'sources' in r.record && Array.isArray(r.record.sources) ? r.record.sources : [];
    for (const c of citations) {
      const file = kb.sources.find((x) => x.id === c.source)?.file;
      // ("(ingen overskrift: …)" cites a passage by its first words, which is no heading.)
      const named = c.section?.startsWith('(') ? '' : (c.section ?? '');
      for (const part of named.split(/[:;]\s+/)) if (file && part) cited.set(`${file}\n${loose(part.replace(/:$/, ''))}`, part.replace(/:$/, ''));
    }
  }
  /**
   * The headings of a document in their order, as its citations spell them. (Not a footnote's row: a footnote under a
   * table stands under the label of the row it explains, which is no heading of the document.)
   */
  const headingsOf = (file: string): string[] =>
    [...sections.entries()]
      .filter(([key, x]) => key.startsWith(`${file}\n`) && !x.sentences.every((t) => /^\*/.test(t)))
      .map(([key, x]) => cited.get(key) ?? x.heading);
  /** The files of the documents that the search ranks for these words: the document, a sentence of it, or a record citing it. */
  const filesOf = (h: Hit) => (h.type === 'passage' ? [passageById.get(h.id)?.source.file] : [h.id, ...sourcesOf(kb, h.id)].map((x) => kb.sources.find((src) => src.id === x)?.file));
  const filesRanked = (content: readonly string[], u: Understanding, lang: Lang) =>
    content.length > 0 ? index.search(spellOut(content), [], u.frame, lang, { weigh: weighing(u), english: u.english }).hits.flatMap(filesOf) : [];
  /** The sections whose heading the question names after "under", "afsnittet", "section" (the longest heading first). */
  const sectionsAsked = (folded: string) => {
    const after = sectionPattern.exec(folded)?.[1];
    if (after === undefined) return [];
    const asked = ` ${loose(after)} `;
    return [...sections.values()].filter((x) => asked.startsWith(` ${loose(x.heading)} `)).sort((a, b) => b.heading.length - a.heading.length);
  };
  // What each record and passage can answer: its type's answers, and the facts its text holds.
  const people = kb.people.map((p) => p.name);
  const holds = new Map<string, ReadonlySet<AnswerType>>([
    ...entries.map((e) => {
      const kind = kindOf(e.type);
      return [e.id, new Set([...(kind?.provides ?? []), ...(kind?.providesOf?.(kb, e.id) ?? []), ...holdsOf([...e.names, ...e.text].join('\n'), people)])] as const;
    }),
    ...passages.map((p) => [p.id, p.holds] as const),
  ]);
  // The sentences of each record and passage with their stems, read when a question asks for a reason or a contrast.
  const textOf = new Map<string, string>([...entries.map((e) => [e.id, e.text.join('\n')] as const), ...passages.map((p) => [p.id, p.text] as const)]);
  const sentenceMemo = new Map<string, { text: string; stems: Set<string> }[]>();
  const sentencesOfId = (id: string) => {
    let cached = sentenceMemo.get(id);
    if (!cached) {
      cached = (textOf.get(id) ?? '').split(/(?<=[.!?])\s+|\n/).map((text) => ({ text, stems: new Set(analyzer.words(text).map((w) => analyzer.terms(w).stem)) }));
      sentenceMemo.set(id, cached);
    }
    return cached;
  };
  // A name follows the word it names, within a few words: satspuljen ”En helhedsorienteret …”.
  const namedAfter = (sentence: string, stem: string): boolean => {
    const raw = sentence.split(/\s+/);
    return raw.some((w, i) => analyzer.words(w).some((x) => analyzer.terms(x).stem === stem) && /["”“«]/.test(raw.slice(i, i + 4).join(' ').slice(w.length)));
  };
  const says: Says = (id, type, words) => {
    if (type === 'any') return sentencesOfId(id).some((s) => words.every((w) => s.stems.has(analyzer.terms(w).stem)));
    if (type === 'name') {
      const stem = analyzer.terms(words[0] ?? '').stem;
      return sentencesOfId(id).some((s) => s.stems.has(stem) && namedAfter(s.text, stem));
    }
    const stems = words.map((w) => analyzer.terms(w).stem);
    const needed = Math.min(2, stems.length);
    return sentencesOfId(id).some((s) => saysIn(type, s.text) && stems.filter((t) => s.stems.has(t)).length >= needed);
  };
  // "Hvad skulle bilagene stille forslag til?": when the best hit's lists are not introduced by the question's verb,
  // the close candidate whose list is ("… der stilles forslag til:") goes first; one that merely has a list
  // ("bilag på følgende indsatsområder:") does not answer what was to be proposed.
  const introduces = (id: string, stems: readonly string[]) =>
    sentencesOfId(id).some((x) => saysIn('items', x.text) && stems.every((t) => x.stems.has(t)));
  /** The stems of the verb that introduces the list asked for ("indeholde", "forslag"): content words that are also frame. */
  const verbStems = (u: Understanding): string[] => {
    if (!u.answerTypes.has('items')) return [];
    const framed = new Set(u.frame.flatMap((f) => analyzer.words(f)));
    return [...new Set(u.content.filter((w) => framed.has(w)).map((w) => analyzer.terms(w).stem))];
  };
  const introducing = (hits: readonly Hit[], stems: readonly string[]): Hit | undefined => {
    const first = hits[0];
    if (!first || stems.length === 0 || introduces(first.id, stems)) return undefined;
    return hits.slice(1, FOCUS_RERANKED).find((h) => h.coverage >= first.coverage - INTRODUCED_COVERAGE && introduces(h.id, stems));
  };
  // "hvor mange ansatte …?": a record counts the thing when one of its sentences puts a number before it
  // ("37 timer om ugen", "fem medarbejdere", "mindst én medarbejder"); a record that never does cannot answer.
  const unknowns = new Map(entries.filter((e) => e.type === 'unknown').map((e) => [e.id, e] as const));
  /**
   * A known unknown about a number ("Hvor mange medarbejdere Center for Sikker By havde", "… how many people are in
   * the team") counts what its names, or their English, say the sources give no number of.
   */
  const unknownCounts = (id: string, word: string): boolean => {
    const unknown = unknowns.get(id);
    if (!unknown) return false;
    const stem = analyzer.terms(word).stem;
    const english = analyzer.englishTerm(word);
    return (
      unknown.names.some((n) => analyzer.words(n).some((w) => analyzer.terms(w).stem === stem)) ||
      (english !== undefined && (unknown.english ?? []).some((t) => tokens(t).some((w) => analyzer.englishTerm(w) === english)))
    );
  };
  /** Whether a record counts what the question asks how many of: a known unknown only where the question also names whose ("hvor mange ansatte har den?" does not). */
  const countsAsked = (id: string, u: Understanding, word: string): boolean => counts(id, word) || (u.content.some((w) => w !== word) && unknownCounts(id, word));
  const counts = (id: string, word: string): boolean => {
    const stem = analyzer.terms(word).stem;
    return sentencesOfId(id).some((s) => {
      const ws = analyzer.words(s.text);
      return ws.some((w, i) => analyzer.terms(w).stem === stem && ws.slice(Math.max(0, i - COUNT_GAP - 1), i).some(isNumber));
    });
  };
  // "hvor mange deltog …?": a document counts the people or attachments it lists; a meeting, through its document.
  const listingDocument = (id: string, question: string): string | undefined =>
    [id, ...sourcesOf(kb, id)].find((x) => {
      const r = kb.byId.get(x);
      return r?.type === 'source' && records.countedList(r.record, question) !== undefined;
    });
  /** Whether an answer's text holds the word (its stem, or the stems of its parts). */
  const shownTerms = new WeakMap<Answer, Set<string>>();
  const shows = (answer: Answer, word: string): boolean => {
    const { stem, parts } = analyzer.terms(word);
    let seenTerms = shownTerms.get(answer);
    if (!seenTerms) {
      const shown = [answer.title, answer.text, ...answer.facts.map((f) => `${f.label} ${f.value}`)].join('\n');
      // An English answer shows a word of the question in English: "forvaltning" (administration) is in
      // "Social Services Administration". Its Danish names and quotes show theirs as written.
      const read = answer.lang === 'en' ? [...analyzer.words(shown), ...analyzer.words(shown, 'en')] : analyzer.words(shown);
      seenTerms = new Set(
        read.flatMap((w) => {
          const t = analyzer.terms(w);
          return [t.stem, ...t.parts];
        }),
      );
      shownTerms.set(answer, seenTerms);
    }
    return seenTerms.has(stem) || (parts.length > 1 && parts.every((x) => seenTerms.has(x)));
  };
  // "ØU" and "BIF" are how staff write; the records mostly spell the names out.
  const abbreviations = new Map(
    kb.organisations.filter((o) => o.abbreviation).map((o) => [analyzer.words(o.abbreviation ?? '').join(''), analyzer.words(o.name)] as const),
  );
  const spellOut = (words: readonly string[]) => words.flatMap((w) => abbreviations.get(w) ?? [w]);
  const initiativesNamed = initiativeNamer(kb);
  /** The principle of another strategy that the question means, about what a principle is about (its names' words). */
  const counterpartOf = (id: string, u: Understanding): string | undefined => {
    const r = kb.byId.get(id);
    const meant = strategiesMeant(kb, u);
    if (r?.type !== 'principle' || meant.has(r.record.strategy)) return undefined;
    const words = [...new Set(analyzer.words([r.record.title, r.record.shortName, ...r.record.aliases].join(' ')).filter((w) => !analyzer.isStopword(w) && !/^\d+$/.test(w)))];
    const { hits: found } = index.search(words, [], [], 'da', { weigh: weighing(u) });
    return found.find((h) => h.type === 'principle' && h.coverage >= COUNTERPART_COVERAGE && meantPrinciple(h.id, u))?.id;
  };
  const meantPrinciple = (id: string, u: Understanding) => {
    const r = kb.byId.get(id);
    return r?.type === 'principle' && strategiesMeant(kb, u).has(r.record.strategy);
  };
  /** A statement that lists several things (the new focus areas and who proposed each). */
  const listsSeveral = (id: string) => {
    const r = kb.byId.get(id);
    return r?.type === 'fact' && r.record.items.length >= 2;
  };
  // A term and a body that go by the same name ("SSP-samarbejdet") are one thing described twice, not a choice to offer.
  const namesOf = new Map(entries.map((e) => [e.id, new Set(e.names.map((n) => analyzer.words(n).join(' ')))] as const));
  const sameName = (a: string, b: string) => [...(namesOf.get(a) ?? [])].some((n) => n !== '' && namesOf.get(b)?.has(n));

  /** The record of a period that words name, as the search finds it ("Sikker By programmerne"). */
  const periodNamed = (words: string, lang: Lang): Neighbour | undefined => {
    // (Read as a question of its own: "the Sikker By programmes" searches the records' "programmer". The words name the
    // record, as its name: "før den blev forelagt Økonomiudvalget" names a body, no period.)
    const part = understand(words, lang, analyzer, index.knows);
    if (part.content.length === 0) return undefined;
    const { hits: found } = index.search(spellOut(part.content), part.joined, [], lang, { english: part.english });
    return found.filter((h) => h.coverage >= GATE.complete && h.named >= GATE.named).map((h) => periodRecord(kb, h.id)).find((x) => x !== undefined);
  };
  const namesById = new Map(entries.map((e) => [e.id, e.names] as const));
  const nameOf = (id: string) => namesById.get(id)?.[0] ?? id;
  /** A name's words without stopwords. */
  const wordsOfName = (name: string) => analyzer.words(name).filter((w) => !analyzer.isStopword(w));
  /** The words of a record's name, without stopwords: what a word pointing back at it stands for. */
  const nameWords = (id: string): string[] => wordsOfName(namesById.get(id)?.[0] ?? '');
  /** How many words the longest of a record's names has whose every word is among the question's (compared by stem); 0 for none. */
  const namedIn = (id: string, stems: ReadonlySet<string>) =>
    Math.max(0, ...(namesById.get(id) ?? []).map((n) => {
      const words = wordsOfName(n);
      return words.length > 0 && words.every((w) => stems.has(analyzer.terms(w).stem)) ? words.length : 0;
    }));
  /**
   * The body a contact question names, among the hits, where the statement found prints the details of another body
   * and the sources print none for the one named.
   */
  const contactOwnerOtherThan = (factId: string, hits: readonly Hit[], words: readonly string[]): string | undefined => {
    const fact = kb.byId.get(factId);
    const owners = fact?.type === 'fact' ? fact.record.about.filter((id) => kb.organisations.some((o) => o.id === id && o.contact)) : [];
    if (owners.length === 0) return undefined;
    // (A genitive names the body too: "Team Sikker Bys".)
    const stems = new Set(words.flatMap((w) => [w, ...(w.endsWith('s') ? [w.slice(0, -1)] : [])]).map((w) => analyzer.terms(w).stem));
    // (The body named with the most words: "Team Sikker By", not the "Sikker By" inside it; none where the question names the body whose details they are.)
    const named = hits.filter((h) => h.type === 'organisation' && namedIn(h.id, stems) > 0).sort((a, b) => namedIn(b.id, stems) - namedIn(a.id, stems))[0];
    return named && !owners.includes(named.id) && !kb.organisations.find((o) => o.id === named.id)?.contact ? named.id : undefined;
  };
  type Seen = { -readonly [K in keyof Trace]?: Trace[K] };
  const respond = (question: Question, state: ConversationState | undefined, today: string, seen: Seen): ReturnType<Engine['respond']> => {
    const typed = question.text.trim();
    const lang = detectLanguage(typed) ?? question.localeLang ?? state?.lang ?? defaultLang;
    const ctx: compose.ComposeContext = { kb, lang, today };
    if (typed === '' || HELP.test(fold(typed))) return { answer: helpAnswer(lang), state: { ...state, lang }, outcome: 'help' };
    // Understood as meant: "hvemer kontaktperson", "natte liv", "Per Larsn" (spelling.ts).
    const text = speller.correct(typed, lang);
    const understood = understand(text, lang, analyzer, index.knows);
    seen.understood = understood;
    // A question the assistant cannot answer, or asks back about, sets no topic of its own: the conversation stays
    // on the last answer's topic ("Hvad får Sjakket?" – "Hvad er klokken i Tokyo?" – "og i 2025?").
    // No `topic: undefined` key: the stored state is JSON, which has no undefined (the store refuses it).
    const kept = state?.topic ? { topic: state.topic, lang } : { lang };
    const fallback = () => ({ answer: fallbackAnswer(lang), state: kept, outcome: 'fallback' as const });
    // Asked to act or to judge ("kan du booke …", "anbefal en restaurant"): no record is that answer.
    seen.route = 'request';
    if (understood.request) return fallback();
    // A name made of common words ("ALL IN") is a topic, though each of its words is a stopword.
    // ("og den …" is no name: a question that continues or points back keeps leaning on the previous answer.)
    const leans = understood.continues || understood.refersBack;
    // (A pair the stemmer takes back to one of its words, "hvad er" → "hvader" → "hvad", names nothing; only a
    // question without content words is read for such names.)
    const single = understood.content.length === 0 && !leans ? new Set(analyzer.words(text).map((w) => analyzer.terms(w).stem)) : undefined;
    const names = single ? understood.joined.filter((j) => index.knows(j) && !single.has(analyzer.terms(j).stem)) : [];
    // A newcomer's question without a topic asks about Sikker By itself.
    const subjectWords = analyzer.words(SUBJECT);
    const subject = understood.intents.has('newcomer') && understood.content.every((w) => subjectWords.includes(w)) ? subjectWords : [];
    const own = names.length ? names : subject;
    const asked: Understanding = own.length ? { ...understood, content: own, elliptic: false } : understood;
    // "Hvad får SSP+ i 2024?" – "og året efter?": the previous answer's years, moved.
    const movedYears = asked.shift?.years && state?.topic?.years.length ? shiftYears(state.topic.years, asked.shift.years) : undefined;
    const u: Understanding = movedYears ? { ...asked, years: movedYears } : asked;
    // The one off-topic gate, before any route answers (a computation, a list, a follow-up, a quote, the search): how the
    // index sees the question's own content words. A name the knowledge base and the sources do not know at all
    // ("Odense", "Malmø", "Stockholm": capitalised inside the sentence) says the question is about another place or
    // body than the sources', whatever else it shares. (The words that only say which neighbour, "efterfølgende", are no topic.)
    const signals = index.signals(spellOut(u.content.filter((w) => !u.stepWords.includes(w))), u.joined, u.english);
    const capitalised = new Set(text.split(/\s+/).slice(1).filter((w) => /^\p{Lu}/u.test(w)).flatMap((w) => analyzer.words(w)));
    const foreignName = signals.words.some((w) => w.unknown === 1 && capitalised.has(w.word));
    const elsewhere = offTopic(signals.words, foreignName);
    // "Hvem er direktør i Socialforvaltningen?" asks who holds a post: an answer that does not show the post (the body's
    // own card, where the sources name no director) does not say who, however well it matches the body.
    // (A post named as a level, "på direktørniveau", names no holder.)
    const unheld = (answer: Answer) => {
      if (u.role === undefined) return false;
      const plain = (t: string) => t.replace(POST_LEVEL, ' ');
      return !shows({ ...answer, title: plain(answer.title), text: plain(answer.text), facts: answer.facts.map((f) => ({ ...f, value: plain(f.value) })) }, u.role);
    };
    // "What is the library's phone number?": an answer to a question for a contact detail gives it, or says the sources give
    // none; a record that only names what the question asks about (a sentence on libraries) does not answer it.
    const detail = CONTACT_DETAILS.find((d) => d.asked.test(u.folded));
    const undetailed = (answer: Answer) => detail !== undefined && !detail.shown.test(fold([answer.title, answer.text, ...answer.facts.map((f) => `${f.label} ${f.value}`)].join('\n')));
    const answered = (answer: Answer, topic: Topic, named = false) => ((named ? offTopic(signals.words, foreignName, true) : elsewhere) || unheld(answer) || undetailed(answer) ? fallback() : done(answer, topic, lang));
    // "har den varig finansiering?": a question that points back, whose every word the previous answer's record
    // holds (or is a common word of the field), asks about that record.
    const leansOn = (id: string, content: readonly string[] = u.content): boolean => {
      const { hits: found, words } = index.search(spellOut(content), u.joined, u.frame, lang, { english: u.english });
      const hit = found.find((h) => h.id === id);
      // (A verb that is also the question's frame, "under hvilket fagprincip foreslås det?", names no topic of its own.)
      const framed = new Set(u.frame.flatMap((f) => analyzer.words(f)));
      return words.length > 0 && words.every((w, i) => (hit?.credits[i] ?? 0) >= 0.5 || w.spread >= GATE.common || framed.has(w.word));
    };

    // "Hvor meget får Exit KK i alt i 2023-2025?", "hvilke indsatser får under 1 mio. kr.?": a computation over the
    // figures, whatever the conversation was about before. A question that leans on it ("hvor meget får den i alt?")
    // computes only with what it names itself: a class of records ("mister indsatserne deres penge …") or initiatives.
    const named = initiativesNamed(text);
    const computation = !leans || u.classNoun || named.length > 0 ? computationOf(text, u, named, kb) : undefined;
    seen.route = 'compute';
    // "Hvilke indsatser får penge i 2024?" – "og i 2025?", "og året efter?": the previous computation again, for the
    // years this question names and asking nothing else of its own.
    const previousComputation = !computation && u.elliptic && u.years.length > 0 && [...u.intents].every((i) => RECOMPUTED.has(i)) ? state?.topic?.computation : undefined;
    const recomputed = computation ?? (previousComputation && withYears(previousComputation, u.years));
    if (recomputed) {
      seen.route = computation ? 'compute' : 'recompute';
      const computed = computedAnswer(ctx, recomputed);
      return answered(computed.answer, { ...topicOf(computed.about.id, computed.about.type, u), computation: recomputed });
    }

    // "Hvad gjaldt inden 2018-2021-strategien?", "which strategy replaced the programmes?": the record of the period before or
    // after the one the words after "før" or "replaced" name (a strategy by its years, else the record the search finds).
    const beside = besideAsked(u.folded);
    const besideOf = beside && (strategyNamed(kb, beside.after) ?? periodNamed(beside.after, lang));
    const period = besideOf && beside && periodNeighbour(kb, besideOf.id, beside.step, today);
    const besideAnswer = period && besideOf && kindOf(period.type)?.compose(ctx, period.id, { u, hits: [] });
    seen.route = 'period';
    if (period && beside && besideOf && besideAnswer) {
      const lead = compose.besideLead(ctx, nameOf(besideOf.id), nameOf(period.id), beside.step);
      return answered({ ...besideAnswer, text: `${lead}\n\n${besideAnswer.text}` }, topicOf(period.id, period.type, u));
    }

    // A question without a topic of its own ("og i 2026?", "hvornår udløber den?") leans on the previous answer.
    // A sentence of a source was quoted: what follows asks about its document ("hvem underskrev den?").
    const said = state?.topic?.type === 'passage' ? sourceTopic(kb, state.topic, passageById) : state?.topic;
    // "Hvad er klokken?", "og hvor?": a question that asks for a kind of fact the previous answer's record does not
    // hold is not about it, unless it is an event whose document holds it ("hvor?" after a meeting: the meeting's room).
    const holdsAsked = (id: string) => ![...u.answerTypes].some((t) => SPECIFIC_TYPES.has(t)) || [...u.answerTypes].some((t) => holds.get(id)?.has(t));
    const document = said?.type === 'event' && !holdsAsked(said.id) ? sourcesOf(kb, said.id).find(holdsAsked) : undefined;
    // "Hvornår startede Per Larsen?" – "hvad var hans tidligere job?": a word for a person stands for the one person the
    // previous answer's record is about.
    const person = said && u.refersToPerson && said.type !== 'person' ? personOf(kb, said.id) : undefined;
    const previous = said && person ? { ...said, id: person, type: 'person' } : said && document ? { ...said, id: document, type: 'source' } : said;
    // (About that person, the question asks what it asks of them in words of its own, "tidligere job"; unless those words name another record.)
    const namesOther = (id: string) => index.search(spellOut(u.content), u.joined, u.frame, lang).hits.some((h) => h.id !== id && h.coverage >= GATE.complete && h.named >= GATE.named);
    const aboutPerson = previous?.type === 'person' && u.refersToPerson && !namesOther(previous.id);
    // ("under hvilket fagprincip foreslås det?" leans on a focus area through the principle it names.)
    const about = (id: string) => {
      const r = kb.byId.get(id);
      return r?.type === 'fact' ? r.record.about : [];
    };
    const related = previous && relatedOf(kb, previous, u);
    const statementAbout = (id: string): string | undefined => {
      const { hits: found } = index.search(spellOut(u.content), u.joined, u.frame, lang, { english: u.english });
      const own = found.find((h) => h.id === id)?.coverage ?? 0;
      return own >= GATE.complete ? undefined : found.find((h) => h.type === 'fact' && h.coverage >= GATE.complete && about(h.id).includes(id))?.id;
    };
    const leaning = (id: string) => leansOn(id) || about(id).some((x) => leansOn(x)) || (related !== undefined && leansOn(related.id)) || aboutPerson;
    // "og den forrige strategi?", "hvad blev besluttet en uge senere?": the record next to the previous answer's in
    // their order, or the event of that time, asked what the question asks (or, asking nothing of its own, what was
    // asked before). Where there is none ("og den næste?" after the last), the question has nothing to lean on.
    if (previous && (u.step || (u.shift && !movedYears))) {
      const ordered = ORDERED_WORDS.find((c) => u.folded.split(/\s+/).some((w) => c.word.test(w)));
      // ("Hvornår udløber Exit KK?" – "og hvornår er den næste?": the deadline after the one the answer gave.)
      const from = previous.type === 'initiative' && previous.intents.some((i) => DEADLINE_INTENTS.has(i as Intent)) ? fundingEndOf(kb, previous.id) ?? previous.id : previous.id;
      const next = u.shift ? shiftFrom(kb, previous, u.shift) : [stepFrom(kb, from, u.step ?? 1, ordered?.of, today)].filter((n) => n !== undefined);
      const topical = u.content.filter((w) => !u.stepWords.includes(w));
      const neighbour = next.find((n) => topical.length === 0 || leansOn(n.id, topical));
      const intents = onlyFrame(u) ? new Set([...(previous.intents as Intent[]), ...u.intents]) : u.intents;
      const merged: Understanding = { ...u, years: u.years.length ? u.years : previous.years, intents };
      const answer = neighbour && kindOf(neighbour.type)?.compose(ctx, neighbour.id, { u: merged, hits: [] });
      seen.route = 'neighbour';
      if (neighbour && answer) return answered(answer, topicOf(neighbour.id, neighbour.type, merged));
      if (topical.every((w) => ordered?.word.test(w))) return fallback();
    }

    // "Hvilke fagprincipper har strategien?" – "fortæl mere om den første", "og den sidste?": that record of the list
    // just shown, asked what the question asks of it. (A place in a class the question names, "det andet
    // fokusområde", is the ordinal route's below.)
    const picked = u.ordinal?.alone && u.ordinal.of === undefined && previous?.listed ? atPlace(previous.listed, u.ordinal.n) : undefined;
    const pickedType = picked && kb.byId.get(picked)?.type;
    const pickedAnswer = picked && pickedType && answerFor(ctx, { id: picked, type: pickedType }, { u, hits: [] });
    seen.route = 'listed';
    // (The list stays the conversation's: "fortæl om den første" – "og den sidste?".)
    if (picked && pickedType && pickedAnswer) return answered(pickedAnswer, { ...topicOf(picked, pickedType, u), ...(previous?.listed ? { listed: previous.listed } : {}) });

    // "Hvor mange penge udløber i alt i 2025?" has no topic words, but neither continues nor points back: what it asks
    // (a total, the expiries of a year) is a list of its own, whatever the conversation was about before.
    const ownList = u.elliptic && !leans && listAnswer(ctx, u, []) !== undefined;
    // ("hvad blev besluttet?" asks its word of the previous answer's record only where that record holds it: the word is
    // also the question's frame, which leansOn passes over.)
    const holdsWords = (id: string) => index.search(spellOut(u.content), u.joined, [], lang, { english: u.english }).hits.find((h) => h.id === id)?.credits.every((c) => c >= 0.5) ?? false;
    const asksOfPrevious = (id: string) => u.content.every((w) => u.stepWords.includes(w)) || holdsWords(id);
    if (previous && !ownList && ((u.elliptic && asksOfPrevious(previous.id)) || (leans && !LIST_TOPICS.has(previous.type) && leaning(previous.id))) && (LIST_TOPICS.has(previous.type) || holdsAsked(previous.id))) {
      // "hvilke indsatser drejer det sig om?" after a total asks for the initiatives, not the total again.
      const carried = (previous.intents as Intent[]).filter((i) => !(i === 'total' && u.intents.has('initiatives')));
      const merged: Understanding = {
        ...u,
        years: u.years.length ? u.years : previous.years,
        intents: u.intents.size > 0 && !onlyFrame(u) && !onlyClass(u) ? u.intents : new Set([...carried, ...u.intents]),
      };
      const again = LIST_TOPICS.has(previous.type) ? listAnswer(ctx, merged, []) : undefined;
      seen.route = 'elliptic';
      if (again === ELSEWHERE) return fallback();
      if (again) return answered(again.answer, again.topic);
      // "hvilket fagprincip hører det under?", "hvor mange principper havde den?": a class of records the previous
      // one belongs to or is about asks for that record.
      const relatedAnswer = related && kindOf(related.type)?.compose(ctx, related.id, { u: merged, hits: [] });
      if (related && relatedAnswer) return answered(relatedAnswer, topicOf(related.id, related.type, merged));
      // "Hvad er bandeprincippet?" – "og i strategien 2018-2021?": the principle of the strategy named now that is about the same.
      const counterpart = previous.type === 'principle' && (u.years.length > 0 || u.earlier) ? counterpartOf(previous.id, merged) : undefined;
      const counterAnswer = counterpart && kindOf('principle')?.compose(ctx, counterpart, { u: merged, hits: [] });
      if (counterpart && counterAnswer) return answered(counterAnswer, topicOf(counterpart, 'principle', merged));
      // (Where that strategy has none about the same, the answer says so rather than give the principle asked before again.)
      const other = previous.type === 'principle' && !counterpart ? strategyOtherThan(kb, previous.id, merged) : undefined;
      const principle = other && kb.principles.find((x) => x.id === previous.id);
      if (other && principle) return answered(compose.noCounterpartAnswer(ctx, principle, other), topicOf(other.id, 'strategy', merged));
      // "Fortæl om princippet om lokalområder" – "hvilke nye fokusområder foreslås under det?": a statement about the
      // previous answer's record that holds every word the question adds, where the record does not, is what it asks for.
      const statement = u.content.length > 0 ? statementAbout(previous.id) : undefined;
      const stated = statement && kindOf('fact')?.compose(ctx, statement, { u: merged, hits: [] });
      if (statement && stated) return answered(stated, topicOf(statement, 'fact', merged));
      // "og hvem er kontakt?", "who do I contact about it?": whom to contact about the previous answer's record, as asked of it by name.
      const answer = u.intents.has('contact') ? answerFor(ctx, previous, { u: merged, hits: [] }) : kindOf(previous.type)?.compose(ctx, previous.id, { u: merged, hits: [] });
      // (A word for a person names the record asked about: the words of its own beside it are no topic of their own.)
      if (answer) return answered(answer, topicOf(previous.id, previous.type, merged), aboutPerson);
    }

    // "Hvad er det andet fokusområde?" after a principle (or one of its focus areas): that principle's focus area in that place.
    const place = u.ordinal?.alone && u.ordinal.of !== 'principle' ? u.ordinal.n : undefined;
    const principleOf = previous && (previous.type === 'principle' ? previous.id : previous.type === 'focusArea' ? kb.focusAreas.find((f) => f.id === previous.id)?.principle : undefined);
    const area = place && principleOf ? focusAreaAt(kb, principleOf, place) : undefined;
    // ("Hvad er det fjerde fagprincip?" – "og det femte?": a place no focus area of the principle has is its strategy's principle there.)
    const placed = area ? { id: area.id, type: 'focusArea' } : place && previous?.type === 'principle' ? placeFrom(kb, previous.id, place, today) : undefined;
    const placedAnswer = placed && kindOf(placed.type)?.compose(ctx, placed.id, { u, hits: [] });
    seen.route = 'ordinal';
    if (placed && placedAnswer) return answered(placedAnswer, topicOf(placed.id, placed.type, u));

    // "Hvilke indsatser har Æ45?": a budget reference is a list question of its own.
    const ref = records.budgetRefIn(text);
    const byRef = ref && records.budgetRefAnswer(ctx, ref);
    seen.route = 'budget-ref';
    if (byRef) return answered(byRef, topicOf(kb.budgetPackage.id, 'budgetPackage', u));

    // "Hvad står der i fodnoten med én stjerne?": the footnote is the split of the line whose cell bears its marker
    // (a line the question names must bear it too).
    const marker = u.intents.has('split') ? FOOTNOTE_MARKERS.find((m) => m.pattern.test(u.folded))?.marker : undefined;
    const footnoted = marker && kb.initiatives.find((i) => i.split?.footnote === marker && (named.length === 0 || named.includes(i.id)));
    const footnote = footnoted && kindOf('initiative')?.compose(ctx, footnoted.id, { u, hits: [] });
    seen.route = 'footnote';
    if (footnoted && footnote) return done(footnote, topicOf(footnoted.id, 'initiative', u), lang);

    // "Hvad laver styregruppen?" – "og hvem koordinerer den?": a word for the previous answer's record, asking what that
    // record does not hold, asks it of the record's name ("hvem koordinerer Sikker By-styregruppen?"): the record whose
    // sentence says it of that name, when one holds all of the question.
    const itsName = u.refersBack && previous && u.content.length > 0 ? nameWords(previous.id) : [];
    if (itsName.length > 0) {
      const resolved: Understanding = { ...u, content: [...u.content, ...itsName] };
      const { hits: found } = index.search(spellOut(resolved.content), [], u.frame, lang, { weigh: weighing(resolved), english: u.english });
      const top = rerank(found, resolved, holds, says)[0];
      const answer = top && top.id !== previous?.id && top.type !== 'passage' && top.coverage >= GATE.complete && fits(top, u, holds) ? answerFor(ctx, top, { u, hits: [] }) : undefined;
      seen.route = 'resolved';
      if (top && answer) return answered(answer, topicOf(top.id, top.type, u));
    }

    const { hits: ranked, unknownShare, words } = index.search(spellOut(u.content), u.joined, u.frame, lang, { weigh: weighing(u), focus: u.focus, english: u.english, keep: placedAt(u) });
    const searched = rerank(ranked, u, holds, says);
    // "Hvad står der under Løsning i sagen til Socialudvalget?": the section of that heading, in the document the rest of
    // the question points to (the first of them the search ranks: the document, a sentence of it, or a record citing it).
    const byHeading = sectionsAsked(u.folded);
    // "Hvad er det tredje skridt i procesplanen?", "hvordan ser procesplanen ud?": a plan of steps named by its kind is the
    // section it stands under.
    const plan = byHeading.length === 0 ? STEP_PLAN_WORDS.find((x) => x.pattern.test(u.folded)) : undefined;
    const headed = plan ? [...sections.values()].filter((x) => loose(x.heading) === loose(plan.heading)) : byHeading;
    if (headed.length > 0) {
      // (Ranked by the question's other words: the heading's own words are in many records.)
      const headingWords = new Set(headed.flatMap((x) => analyzer.words(x.heading)).map(loose));
      const rest = u.content.filter((w) => w !== 'under' && !headingWords.has(loose(w)));
      const ranking = filesRanked(rest, u, lang);
      const rank = (file: string) => (ranking.includes(file) ? ranking.indexOf(file) : ranking.length);
      const section = headed.filter((x) => x.heading.length === headed[0]?.heading.length).sort((a, b) => rank(a.source.file) - rank(b.source.file))[0];
      // ("det sidste skridt", "the first step": of a plan, the step at that place; its steps stand one a line.)
      const place = plan ? placeAsked(u.folded) : undefined;
      const step = section && place !== undefined ? atPlace(section.sentences, place) : undefined;
      seen.route = 'section';
      if (section && place !== undefined && step) return done(compose.planStepAnswer(ctx, section.source, section.heading, step, place), topicOf(section.source.id, 'source', u), lang);
      if (section) return done(compose.sectionAnswer(ctx, section.source, section.heading, section.sentences), topicOf(section.source.id, 'source', u), lang);
    }
    // "Hvilke overskrifter har midtvejsstatus?", "what are the sections of the 2023 case?": the headings of the document the
    // rest of the question points to, in their order.
    const headingsAsked = headed.length === 0 && headingsPattern.test(u.folded);
    if (headingsAsked) {
      // (The rest of the question names the document: "hvilke afsnit handler om natteliv?" names none, but a topic.)
      const rest = u.content.filter((w) => !headingsWords.has(w));
      const named = rest.length > 0 ? index.search(spellOut(rest), [], u.frame, lang, { english: u.english }).hits.find((h) => h.type === 'source' && h.coverage >= GATE.complete) : undefined;
      const source = named && kb.sources.find((x) => x.id === named.id);
      const file = source && headingsOf(source.file).length >= MIN_HEADINGS ? source.file : undefined;
      seen.route = 'headings';
      if (file && source) return done(compose.headingsAnswer(ctx, source, headingsOf(file)), topicOf(source.id, 'source', u), lang);
    }
    Object.assign(seen, { hits: searched, unknownShare, words, route: 'list' });
    const listed = listAnswer(ctx, u, searched, words);
    if (listed === ELSEWHERE) return fallback();
    if (listed) return answered(listed.answer, listed.topic, listed.named);
    seen.route = 'search';
    if (u.content.length === 0) return fallback();

    // Of close candidates, the first that holds what is asked ("Hvad indstillede …?": the document with a recommendation).
    // "Hvilket punkt …?": a hit that holds the thing asked for goes before one that matches the rest better.
    const best = searched[0];
    const verbs = verbStems(u);
    const promoted =
      best && !best.coversFocus ? searched.slice(0, FOCUS_RERANKED).find((h) => h.coversFocus && h.coverage >= best.coverage) : introducing(searched, verbs);
    const hits = promoted ? [promoted, ...searched.filter((h) => h !== promoted)] : searched;
    const first = hits[0];
    if (!first) return fallback();
    const close = (h: Hit) => h.coverage >= first.coverage - 0.1 && h.score >= first.score * 0.5;
    // "Hvor mange medarbejdere har Center for Sikker By?", "how many staff …": of close candidates, one that counts what is
    // asked (or is the known unknown that says the sources do not) goes before one that only names the same body.
    // (Not one that names nothing else: "hvor mange ansatte har den?" asks about the previous answer's record.)
    const countedWord = u.counted;
    const namesWhose = countedWord !== undefined && u.content.some((w) => w !== countedWord);
    const counting = namesWhose && !countsAsked(first.id, u, countedWord) ? hits.find((h) => close(h) && countsAsked(h.id, u, countedWord)) : undefined;
    const held = counting ?? hits.find((h) => close(h) && (kindOf(h.type)?.holds?.(kb, h.id, u) ?? true)) ?? first;
    // "Hvilke fokusområder er foreslået?": of statements tied at full coverage, a plural question gets the one that lists several.
    // ("Hvilke fokusområder ønsker samarbejdet at tilføje?": so does one of the records of a listed class that a statement
    // lists, when the statement covers as much; a body the statement is about is not one of what it lists.)
    const listsHeld = (h: Hit) => LISTED_CLASSES.has(held.type) && h.coverage >= held.coverage && h.score >= held.score * LISTING_SCORE && about(h.id).includes(held.id);
    const lister = PLURAL_LIST.test(u.folded) && u.intents.has('list') && !listsSeveral(held.id)
      ? (hits.find((h) => listsSeveral(h.id) && ((h.coverage >= Math.max(GATE.complete, held.coverage) && h.score >= held.score * TIED_SCORE) || listsHeld(h))) ?? held)
      : held;
    // "Hvilket princip handler om ekstremisme?": of principles that cover as much, the one of the strategy meant (the newest
    // unless the question names another) goes first.
    const meant = lister.type === 'principle' && !meantPrinciple(lister.id, u) ? hits.find((h) => h.type === 'principle' && h.coverage >= lister.coverage && h.score >= lister.score * MEANT_SCORE && meantPrinciple(h.id, u)) : undefined;
    const chosen = meant ?? lister;
    // "Under hvilket fagprincip hører forsøget med tryghedsvagter?": records tied to the same principle give the same answer.
    const asksPrinciple = u.intents.has('principles') && !u.intents.has('focusAreas') && !PLURAL_LIST.test(u.folded);
    const judge = (top: Hit): Decision => {
      // The alternative that makes a question ambiguous is one that could answer it too.
      const second = hits.find(
        // (A hit passed over for the one that holds what is asked, or whose list the question's words introduce, is no alternative.)
        // (A list the question's verb does not introduce is no alternative to one it does.)
        // (Nor, for a plural question answered by a statement that lists several, is one of the records it lists.)
        (h) => h.id !== top.id && h.id !== first.id && !(promoted && h.id === best?.id) && !(top.id === lister.id && lister !== held && about(lister.id).includes(h.id)) && (verbs.length === 0 || !introduces(top.id, verbs) || introduces(h.id, verbs)) && h.type !== 'passage' && h.coversFocus && !sameFamily(kb, h, top) && !(asksPrinciple && samePrinciple(kb, h.id, top.id)) && !sameName(h.id, top.id) && fits(h, u, holds) && (kindOf(h.type)?.holds?.(kb, h.id, u) ?? true),
      );
      return decide({
        coverage: top.coverage,
        secondCoverage: second?.coverage ?? 0,
        margin: second ? (top.score - second.score) / top.score : 1,
        unknownShare: unknownShareOf(words),
        commonOnly: commonOnly(words, top),
        uncounted: u.counted !== undefined && !countsAsked(top.id, u, u.counted) && listingDocument(top.id, text) === undefined,
        holdsAnswerType: fits(top, u, holds),
        unowned: unowned(words, top, u.possessed),
      });
    };
    let top = chosen;
    let decision = judge(top);
    // Close candidates are no reason to ask when one nearly as strong covers clearly more of the question.
    // An answer, too, gives way to a near one that covers clearly more: "Hvem koordinerer arbejdet i arbejdsgruppen?" is not
    // answered by the working group, whose name matches, but by the team that its sentence says coordinates it.
    // (Not when the question names a year: the share covered leaves the year out, so a fuller hit may be of another year.)
    const fullerScore = decision === 'suggest' ? FULLER_SCORE : FULLER_ANSWER_SCORE;
    const fuller = decision === 'suggest' || (decision === 'answer' && u.years.length === 0) ? hits.slice(0, FULLER_AMONG).find((h) => h.score >= first.score * fullerScore && h.coverage >= top.coverage + FULLER_COVERAGE && fits(h, u, holds)) : undefined;
    if (fuller && judge(fuller) === 'answer') [top, decision] = [fuller, 'answer'];
    if (elsewhere) decision = 'fallback';
    seen.route = `search:${decision}:${top.id}`;
    if (decision === 'fallback') return fallback();
    if (decision === 'suggest') {
      const near = hits.filter((h) => h.type !== 'passage' && h.coverage >= top.coverage - 0.2).slice(0, 3);
      const suggestions = near.map((h) => suggestionFor(kb, h, lang)).filter((s): s is { label: string; question: string } => !!s);
      if (suggestions.length === 0) return fallback();
      return { answer: suggestionsAnswer(ctx, suggestions), state: kept, outcome: 'suggested' };
    }
    if (top.type === 'passage' && u.intents.has('document')) {
      const p = passageById.get(top.id);
      const answer = p && kindOf('source')?.compose(ctx, p.source.id, { u, hits });
      if (p && answer) return done(answer, topicOf(p.source.id, 'source', u), lang);
    }
    if (top.type === 'passage') {
      const p = passageById.get(top.id);
      return p ? answered(compose.passageAnswer(ctx, p), topicOf(top.id, 'passage', u)) : fallback();
    }
    const ask: Ask = { u, hits };
    // "Hvilket dokument beskriver +18 Tryghedsindsatsen?", "where can I read about X?": the document the record found cites.
    const cited = u.intents.has('document') && top.type !== 'source' ? sourcesOf(kb, top.id)[0] : undefined;
    const citedAnswer = cited && kindOf('source')?.compose(ctx, cited, ask);
    if (cited && citedAnswer) return done(citedAnswer, topicOf(cited, 'source', u), lang);
    const listing = u.counted !== undefined && top.type !== 'source' && !counts(top.id, u.counted) ? listingDocument(top.id, text) : undefined;
    const counted = listing && kindOf('source')?.compose(ctx, listing, ask);
    if (listing && counted) return answered(counted, topicOf(listing, 'source', u));
    // "Hvad er Socialforvaltningens EAN-nummer?": a contact detail found in another body's details (Center for Sikker By's
    // letterhead) is not the body's the question names: the answer says the sources give none for that body, and whose
    // the details printed are.
    const whose = u.intents.has('contact') && top.type === 'fact' ? contactOwnerOtherThan(top.id, hits, analyzer.words(u.folded)) : undefined;
    if (whose) {
      const own = answerFor(ctx, { id: whose, type: 'organisation' }, ask);
      if (own) return answered(own, topicOf(whose, 'organisation', u));
    }
    const answer = answerFor(ctx, top, ask);
    if (!answer) return fallback();
    // A record whose answer does not show the thing asked for ("hvilket punkt": the record knows it, its
    // answer leaves it out) gives way to a sentence of the sources that holds it.
    if (u.focus && !shows(answer, u.focus)) {
      const quote = hits.slice(0, FOCUS_RERANKED).find((h) => h.type === 'passage' && h.coversFocus && h.coverage >= top.coverage - 0.2);
      const p = quote && passageById.get(quote.id);
      if (p) return answered(compose.passageAnswer(ctx, p), topicOf(p.id, 'passage', u));
    }
    // "Hvad står der om borgerdialog i notatet …?": a document's answer that leaves out a word asked about
    // gives way to the sentence of that document that holds it.
    // (Only a question that asks for no field of its own: "hvem underskrev …", "i hvilket lokale …" are
    // answered by the field.)
    const asksField = u.answerTypes.size > 0 || u.intents.has('who') || u.intents.has('when') || u.intents.has('decision') || records.askedField(u.folded) !== undefined;
    const source = top.type === 'source' && !asksField ? kb.sources.find((x) => x.id === top.id) : undefined;
    const unshown = source ? u.content.filter((w) => !shows(answer, w)) : [];
    if (source && unshown.length > 0) {
      const inFile = `passage:${source.file}:`;
      // The sentence that holds the rarest of them ("borgerdialog" before "ØU").
      const weightOf = (w: string) => words.find((x) => x.word === w)?.weight ?? 0;
      const held = (h: Hit) => unshown.filter((w) => says(h.id, 'any', [w])).reduce((sum, w) => sum + weightOf(w), 0);
      const quote = hits.filter((h) => h.id.startsWith(inFile) && held(h) > 0).reduce<Hit | undefined>((a, b) => (a && held(a) >= held(b) ? a : b), undefined);
      const p = quote && passageById.get(quote.id);
      if (p) return answered(compose.passageAnswer(ctx, p), topicOf(p.id, 'passage', u));
    }
    return answered(answer, topicOf(top.id, top.type, u));
  };

  return {
    help: (lang) => helpAnswer(lang),
    respond(question, state, today) {
      const seen: Seen = {};
      const result = respond(question, state, today, seen);
      if (trace && seen.understood) trace({ understood: seen.understood, hits: seen.hits ?? [], unknownShare: seen.unknownShare ?? 0, words: seen.words ?? [], route: seen.route ?? 'start' });
      return result;
    },
  };

  function done(answer: Answer, topic: Topic, lang: Lang) {
    const listed = answer.listed?.length ? { listed: [...answer.listed] } : {};
    return { answer, state: { topic: { ...topic, ...listed }, lang }, outcome: 'answered' as const };
  }
}

/** A document with fewer headings than this has no sections to list. */
const MIN_HEADINGS = 2;

/** A heading shorter than this ("Bilag") is too common a word to be asked for as a section. */
const MIN_HEADING = 5;
/** Folded, with the Danish letters' spellings made one ("løsning", "loesning", "losning"): headings compared across OCR. */
const loose = (text: string) => fold(text).replace(/oe/g, 'o').replace(/aa/g, 'a').replace(/ae/g, 'a').replace(/\s+/g, ' ').trim();

/** The item at a place of a list, from 1, or from the end when negative (-1: the last). */
const atPlace = <T>(list: readonly T[], n: number): T | undefined => (n > 0 ? list[n - 1] : list[list.length + n]);

const STEP_PLAN_WORDS = STEP_PLANS.map((x) => ({ heading: x.heading, pattern: new RegExp(`\\b(?:${x.words.join('|')})\\b`) }));
/** An ordinal ("første", "the third") or a place from the end ("sidste"), not "et andet" (another): the place asked for, from the end below 0. */
const PLACE_WORD = new RegExp(`(?<!\\b(?:et|en|noget|nogen|an) )\\b(${[...Object.keys(ORDINAL_WORDS), ...Object.keys(FROM_END_WORDS)].join('|')})\\b`);
const BESIDE_WORDS = PERIOD_NEIGHBOURS.map((x) => ({ step: x.step, pattern: new RegExp(`\\b(?:${x.words.join('|')})\\b(.*)$`) }));
/** What a question asks came before or after, and the words that name it; not an event ("før strategien blev vedtaget"). */
function besideAsked(folded: string): { step: -1 | 1; after: string } | undefined {
  for (const { step, pattern } of BESIDE_WORDS) {
    const after = pattern.exec(folded)?.[1];
    if (after !== undefined && !PERIOD_EVENT_WORDS.test(after)) return { step, after };
  }
  return undefined;
}

/** A strategy named by its years after a word for strategies ("strategien fra 2018"), or by its period ("the 2022-2025 one"). */
function strategyNamed(kb: KnowledgeBase, words: string): Neighbour | undefined {
  const range = /\b(\d{4})(?:\s*[-–]\s*|\s+)(\d{4})\b/.exec(words);
  const year = Number(range?.[1] ?? /\b(\d{4})\b/.exec(words)?.[1]);
  if (!range && !/strateg/.test(words)) return undefined;
  const strategy = kb.strategies.find((s) => s.period.from === year) ?? kb.strategies.find((s) => s.period.from <= year && year <= (s.period.to ?? year));
  return strategy && (!range || Number(range[2]) === strategy.period.to) ? { id: strategy.id, type: 'strategy' } : undefined;
}

function placeAsked(folded: string): number | undefined {
  const word = PLACE_WORD.exec(folded)?.[1];
  return word === undefined ? undefined : (ORDINAL_WORDS[word] ?? -(FROM_END_WORDS[word] ?? 1));
}

/**
 * A principle's focus area at a place (from the end when negative): the one the sources number so. The last is
 * the one numbered as many as the principle has in the strategy, where a source numbers only some of them.
 */
function focusAreaAt(kb: KnowledgeBase, principle: string, n: number) {
  const areas = kb.focusAreas.filter((f) => f.principle === principle && f.status === 'in-strategy');
  const place = n > 0 ? n : areas.length + n + 1;
  return areas.find((f) => f.ordinal === place);
}

/** What a question about an initiative asks when it asks about the end of its funding, which is one of the deadlines. */
const DEADLINE_INTENTS: ReadonlySet<Intent> = new Set(['fundingEnd', 'deadline']);

/** The deadline on which an initiative's funding ends. */
const fundingEndOf = (kb: KnowledgeBase, initiative: string) => kb.deadlines.find((d) => d.kind === 'funding-end' && d.concerns.initiative === initiative)?.id;

/** The one person a record is about (an event's related records, a statement's): none when it names none or several. */
function personOf(kb: KnowledgeBase, id: string): string | undefined {
  const r = kb.byId.get(id);
  const linked = r?.type === 'event' ? (r.record.related ?? []) : r?.type === 'fact' ? r.record.about : [];
  const people = linked.filter((x) => kb.byId.get(x)?.type === 'person');
  return people.length === 1 ? people[0] : undefined;
}

/** The source documents a record cites. */
function sourcesOf(kb: KnowledgeBase, id: string): string[] {
  const r = kb.byId.get(id)?.record;
  const cited = r && 'sources' in r && Array.isArray(r.sources) ? (r.sources as { source: string }[]).map((x) => x.source) : [];
  return [...new Set(cited)].filter((x) => kb.sources.some((s) => s.id === x));
}

/** The document a quoted sentence is from, as the topic a follow-up leans on. */
function sourceTopic(kb: KnowledgeBase, topic: Topic, passages: ReadonlyMap<string, { source: { id: string } }>): Topic | undefined {
  const id = passages.get(topic.id)?.source.id;
  return id && kb.byId.has(id) ? { ...topic, id, type: 'source' } : undefined;
}

/** What a follow-up that computes the previous answer again may ask besides its years ("og hvor meget i 2026?"). */
const RECOMPUTED: ReadonlySet<Intent> = new Set(['list', 'amount']);

/** Kinds of facts that a record either holds or does not ("kl. 16:30", "Rådhuset"): a follow-up asking for one needs a record that holds it. */
const SPECIFIC_TYPES: ReadonlySet<AnswerType> = new Set(['time', 'place', 'weekday', 'number']);

/**
 * The question's language from its own words: the records' names do not count (most are Danish, and an
 * English question names them as they are), and the English words of the field's vocabulary that the
 * Danish sources never use ("steering", "expire") count for English.
 */
function languageDetector(kb: KnowledgeBase, entries: readonly IndexEntry[]) {
  const danish = new Set(Object.values(kb.sourceTexts).flatMap((t) => tokens(t)));
  const englishTerms = Object.keys(kb.vocabulary.english).flatMap((k) => tokens(k)).filter((w) => w.length > 2 && !/\d/.test(w) && !danish.has(w));
  return createLanguageDetector(entries.flatMap((e) => e.names), englishTerms);
}

const topicOf = (id: string, type: string, u: Understanding): Topic => ({ id, type, intents: [...u.intents], years: [...u.years] });

/**
 * The record of the class a follow-up names that the previous record belongs to or is about: a focus area's
 * principle, the strategy an event or a principle is part of.
 */
function relatedOf(kb: KnowledgeBase, previous: Topic, u: Understanding): { id: string; type: string } | undefined {
  const r = kb.byId.get(previous.id);
  if (!r || !u.intents.has('principles')) return undefined;
  if (r.type === 'focusArea') return { id: r.record.principle, type: 'principle' };
  // A fact about a focus area ("hvor fylder arbejdet med migranter?"): that focus area's principle.
  const area = r.type === 'fact' ? kb.focusAreas.find((f) => r.record.about.includes(f.id)) : undefined;
  if (area) return { id: area.principle, type: 'principle' };
  // "hvor mange principper havde den?" about a principle asks about its strategy; "hvilke fokusområder har det?" does not.
  const strategy = r.type === 'principle' && !u.intents.has('focusAreas') ? r.record.strategy : r.type === 'event' ? r.record.related?.find((id) => kb.byId.get(id)?.type === 'strategy') : undefined;
  return strategy ? { id: strategy, type: 'strategy' } : undefined;
}

/** The question asks only for a class of records ("hvilke indsatser …?"): what it asks of them comes from before. */
function onlyClass(u: Understanding): boolean {
  return [...u.intents].every((i) => i === 'list' || i === 'initiatives');
}

/** The question's intents come only from words that frame every question ("hvilke", "hvad"): it asks nothing of its own. */
function onlyFrame(u: Understanding): boolean {
  return [...u.intents].every((i) => i === 'list');
}

/**
 * Records and passages that hold the type of fact the question asks for
 * ("hvem" → a person, "hvilke dage" → a weekday) move up; the others down.
 * A reason or a contrast counts only where one sentence gives it about the
 * question's own words ("…, da indsatserne er meget forskellige").
 */
function rerank(hits: readonly Hit[], u: Understanding, holds: ReadonlyMap<string, ReadonlySet<AnswerType>>, says: Says): Hit[] {
  if (u.answerTypes.size === 0) return [...hits];
  const firm = [...u.answerTypes].some((t) => !SOFT_TYPES.has(t));
  const soft = [...u.answerTypes].filter((t) => SOFT_TYPES.has(t));
  return hits
    .map((h, rank) => {
      // ("Where and when did … meet?": the document with the room and the date goes before the event with its date only.)
      let f = firm ? (fitsAll(h, u, holds) ? 1.4 : fits(h, u, holds) ? 1 : 0.75) : 1;
      // A name is said of the word asked for ("hvad hed satspuljen"); a reason or a contrast of the question's words.
      if (soft.length > 0 && rank < SOFT_RERANKED) f *= soft.some((t) => says(h.id, t, t === 'name' && u.focus ? [u.focus] : u.content)) ? 1.4 : 0.75;
      return { ...h, score: h.score * f };
    })
    .sort((a, b) => b.score - a.score);
}

/** Whether one sentence of a record or passage gives a fact of the type about (at least two of) the words. */
type Says = (id: string, type: AnswerType | 'any', words: readonly string[]) => boolean;

/** A hit among the first few, scoring at least this share of the best, that covers this much more of the question goes first. */
const FULLER_AMONG = 5;
const FULLER_SCORE = 0.8;
const FULLER_COVERAGE = 0.2;
/** The share of the best's score a fuller hit needs to replace an answer (measured on the tuning banks). */
const FULLER_ANSWER_SCORE = 0.5;

/** A hit whose list the question's verb introduces may cover this much less of the question than the best ("i april 2010" is in the other's title). */
const INTRODUCED_COVERAGE = 0.2;
/** A count stands at most this many words before the thing counted ("fem faste medarbejdere"). */
const COUNT_GAP = 2;
const isNumber = (w: string) => /^\d+$/.test(w) || w in NUMBER_WORDS || COUNT_WORDS.includes(w);

/** The best hits searched for one that holds the thing a "hvilket …?" question asks for. */
const FOCUS_RERANKED = 10;

/** The best hits whose sentences are read for a reason or contrast. */
const SOFT_RERANKED = 20;

/**
 * A reason or a contrast is said in too many ways to be recognised for sure ("da …", "fordi …",
 * "Hvor X …, er Y …"): it reranks, but a record that does not seem to hold one may still answer.
 */
const SOFT_TYPES: ReadonlySet<AnswerType> = new Set(['reason', 'contrast', 'name', 'items']);

/** Whether the hit holds a type of fact the question asks for (of those that can be recognised for sure). */
function fits(h: Hit, u: Understanding, holds: ReadonlyMap<string, ReadonlySet<AnswerType>>): boolean {
  const asked = [...u.answerTypes].filter((t) => !SOFT_TYPES.has(t));
  return asked.length === 0 || asked.some((t) => holds.get(h.id)?.has(t));
}

/** Whether the hit holds every type of fact the question asks for (of those that can be recognised for sure). */
function fitsAll(h: Hit, u: Understanding, holds: ReadonlyMap<string, ReadonlySet<AnswerType>>): boolean {
  return [...u.answerTypes].filter((t) => !SOFT_TYPES.has(t)).every((t) => holds.get(h.id)?.has(t));
}

/** A principle and its focus areas, or a person and their organisation, are one topic, not a choice to offer. */
function sameFamily(kb: KnowledgeBase, a: Hit, b: Hit): boolean {
  const ra = kb.byId.get(a.id);
  const rb = kb.byId.get(b.id);
  if (ra?.type === 'focusArea' && rb?.type === 'principle') return ra.record.principle === rb.record.id;
  if (rb?.type === 'focusArea' && ra?.type === 'principle') return rb.record.principle === ra.record.id;
  if (ra?.type === 'focusArea' && rb?.type === 'focusArea') return ra.record.principle === rb.record.principle;
  if (ra?.type === 'person' && rb?.type === 'person') return true;
  return false;
}

/** The principles a record is tied to: a focus area's own, a plan's, and those a term or an event is related to (or through their focus areas). */
function principlesOf(kb: KnowledgeBase, id: string): string[] {
  const r = kb.byId.get(id);
  const viaArea = (ids: readonly string[]) => ids.flatMap((x) => { const f = kb.byId.get(x); return f?.type === 'principle' ? [x] : f?.type === 'focusArea' ? [f.record.principle] : []; });
  if (r?.type === 'principle') return [id];
  if (r?.type === 'focusArea') return [r.record.principle];
  if (r?.type === 'plan') return r.record.principle ? [r.record.principle] : [];
  if (r?.type === 'term' || r?.type === 'event') return viaArea(r.record.related ?? []);
  return [];
}

/** Two records tied to one and the same principle, and no other. */
function samePrinciple(kb: KnowledgeBase, a: string, b: string): boolean {
  const pa = [...new Set(principlesOf(kb, a))];
  const pb = [...new Set(principlesOf(kb, b))];
  return pa.length === 1 && pb.length === 1 && pa[0] === pb[0];
}

/** Which kinds of records an intent points to: "hvem" wants a person, "hvor meget" an initiative. */
function boostFor(u: Understanding): Partial<Record<string, number>> {
  const b: Partial<Record<string, number>> = {};
  const up = (type: string, f: number) => (b[type] = (b[type] ?? 1) * f);
  if (u.intents.has('amount') || u.intents.has('split') || u.intents.has('permanent') || u.intents.has('fundingEnd')) up('initiative', 1.6);
  if (u.intents.has('who')) {
    up('person', 2);
    up('organisation', 1.2);
  }
  if (u.intents.has('when')) up('event', 1.4);
  if (u.intents.has('happened')) up('event', 2);
  if (u.intents.has('focusAreas') || u.intents.has('principles')) {
    // "Hvilket fokusområde handler om …?", "hvilket princip …": the class asked for goes first (a principle answers for its
    // focus areas too, so a question that asks for both asks for the principle).
    const asked = CLASS_ASKED.filter((c) => c.pattern.test(u.folded)).map((c) => c.of);
    up('principle', asked.includes('principle') ? ASKED_CLASS : 1.4);
    up('focusArea', asked.includes('focusArea') && !asked.includes('principle') && !u.intents.has('principles') ? ASKED_CLASS : 1.2);
  }
  if (u.intents.has('why')) up('focusArea', 1.3);
  // A deadline record repeats its initiative's name: it answers only a question about deadlines.
  up('deadline', u.intents.has('deadline') ? 1.3 : 0.5);
  if (u.intents.has('contact')) up('organisation', 1.5);
  if (u.intents.has('decision')) up('strategy', 1.3);
  // A strategy says who adopted it; who coordinates, proposes or took part in it is said by the bodies and statements about it.
  else if (u.intents.has('who') && !u.intents.has('contact')) up('strategy', 0.6);
  return b;
}

/**
 * How much a record counts for a question beyond how well its words match:
 * the kinds of records its intents point to (boostFor), and a year or a
 * strategy the question names. The newest strategy's principles win ties with
 * the older strategy's similar ones ("børn og unge" is in both) unless the
 * question names an older year.
 */
function weigher(kb: KnowledgeBase, entries: readonly IndexEntry[]): (u: Understanding) => (id: string, type: string) => number {
  const strategies = new Map(kb.strategies.map((s) => [s.id, s]));
  const events = new Map(kb.events.map((e) => [e.id, e.date]));
  // A year in a record's name ("Sikker By-strategien 2022-2025", "Handleplan … 2023-2026") selects it as a year in the question does.
  const namedYears = new Map(entries.map((e) => [e.id, new Set(e.names.flatMap((n) => n.match(/\b(19|20)\d\d\b/g) ?? []))]));
  const principles = new Map(kb.principles.map((p) => [p.id, p]));
  // A plan that a later plan under the same principle follows ("Handleplan … 2022-2023", followed by 2024-2026) is not
  // the one that applies now.
  const superseded = new Set(
    kb.plans.filter((a) => a.period && kb.plans.some((b) => b !== a && b.principle !== undefined && b.principle === a.principle && (b.period?.from ?? 0) > (a.period?.from ?? Infinity))).map((a) => a.id),
  );
  // The year of the latest document a statement cites: a document of 2010 says nothing about 2018.
  const sourceYear = new Map(kb.sources.map((x) => [x.id, Number(x.date.slice(0, 4))]));
  const citedYear = new Map(
    entries.filter((e) => DATED_BY_SOURCE.has(e.type)).flatMap((e) => {
      const years = sourcesOf(kb, e.id).map((x) => sourceYear.get(x) ?? 0);
      return years.length ? [[e.id, Math.max(...years)] as const] : [];
    }),
  );
  // The strategies whose principles have focus areas (2022-2025; the principles of 2018-2021 have none).
  const withAreas = new Set(kb.principles.filter((p) => p.focusAreaCount !== undefined || kb.focusAreas.some((f) => f.principle === p.id)).map((p) => p.strategy));
  // The positions the sources give principles and focus areas, for "fagprincip nummer 4", "det andet fokusområde".
  const positions = new Map<string, number>([
    ...kb.principles.flatMap((p) => {
      const place = placeOf(p);
      return place ? [[p.id, place] as const] : [];
    }),
    ...kb.focusAreas.flatMap((f) => (f.ordinal ? [[f.id, f.ordinal] as const] : [])),
  ]);
  const atPosition = (u: Understanding, id: string, type: string): number => {
    // "Det andet fokusområde under natteliv" names the principle only to say which focus area it asks for.
    // "Det fjerde princip i strategien 2018-2021" names the strategy only to say which principle.
    if ((u.ordinal?.of === 'focusArea' && type === 'principle') || (u.ordinal?.of === 'principle' && type === 'strategy')) return ORDINAL_PARENT;
    if (u.ordinal?.of !== type) return 1;
    const n = positions.get(id);
    return n === u.ordinal.n ? ORDINAL_MATCH : n === undefined ? 1 : ORDINAL_OTHER;
  };
  return (u) => {
    const boost = boostFor(u);
    const inYears = (from: number, to: number) => u.years.some((y) => Number(y) >= from && Number(y) <= to);
    // The strategies the question names by their years, or as the earlier ones ("den gamle strategi"); none: the newest.
    const meant = strategiesMeant(kb, u);
    // "Hvilke fokusområder …", "hvor mange fokusområder …": a principle of a strategy without focus areas (2018-2021) answers
    // only a question that names that strategy.
    const asksAreas = u.intents.has('focusAreas');
    // "fagprincip", "subject principle": the kind of principle asked for; the other kinds are not it (plain "princip" names every kind).
    const kindAsked = u.principleKind;
    const weighOf = (id: string, type: string): number => {
      if (u.years.length > 0 && type === 'strategy') {
        const s = strategies.get(id);
        return s && inYears(s.period.from, s.period.to ?? s.period.from) ? 1.5 : 1;
      }
      if (u.years.length > 0 && (u.years.some((y) => namedYears.get(id)?.has(y)) || u.years.some((y) => events.get(id)?.startsWith(y)))) return 1.5;
      // An event dated outside the years named ("i 2024", "2022-2025") is not what the question asks about.
      const dated = events.get(id);
      if (u.years.length > 0 && dated && !inYears(Number(dated.slice(0, 4)), Number(dated.slice(0, 4)))) return OTHER_YEAR;
      // ("Hvad vil 2018-strategien gøre for bandemedlemmer?": not the 2010 recommendation's exit strategy.)
      const cited = citedYear.get(id);
      if (u.years.length > 0 && cited !== undefined && cited < Math.min(...u.years.map(Number))) return EARLIER_SOURCE;
      // "Hvilken handleplan gælder nu?": not one that a later one has followed.
      if (type === 'plan' && u.intents.has('current') && u.years.length === 0) return superseded.has(id) ? SUPERSEDED : 1;
      if (type !== 'principle') return 1;
      const p = principles.get(id);
      if (!p) return 1;
      let f = meant.has(p.strategy) ? STRATEGY_MEANT : STRATEGY_OTHER;
      if (asksAreas && !withAreas.has(p.strategy) && !meant.has(p.strategy)) f *= WITHOUT_AREAS;
      if (kindAsked) f *= p.kind === kindAsked ? KIND_ASKED : KIND_OTHER;
      return f;
    };
    return (id, type) => (boost[type] ?? 1) * weighOf(id, type) * atPosition(u, id, type);
  };
}

/** The one strategy a question names, by its years or as the earlier one ("og i den gamle strategi?"), when it is not the principle's own. */
function strategyOtherThan(kb: KnowledgeBase, principle: string, u: Understanding) {
  const own = kb.principles.find((p) => p.id === principle)?.strategy;
  const named = u.years.length > 0 || u.earlier ? [...strategiesMeant(kb, u)] : [];
  return named.length === 1 && named[0] !== own ? kb.strategies.find((s) => s.id === named[0]) : undefined;
}

/** The strategies a question means: those its years fall in, the earlier ones ("den gamle strategi"), else the newest. */
function strategiesMeant(kb: KnowledgeBase, u: Understanding): ReadonlySet<string> {
  const byYears = kb.strategies.filter((s) => u.years.some((y) => Number(y) >= s.period.from && Number(y) <= (s.period.to ?? s.period.from)));
  const newest = [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
  const named = byYears.length > 0 ? byYears : u.earlier ? kb.strategies.filter((s) => s !== newest) : newest ? [newest] : [];
  return new Set(named.map((s) => s.id));
}

/** A plan that a later plan under the same principle follows counts this much in a question about what applies now. */
const SUPERSEDED = 0.3;
/** A statement whose documents all predate the years a question names counts this much. */
const EARLIER_SOURCE = 0.5;
const DATED_BY_SOURCE: ReadonlySet<string> = new Set(['fact', 'term', 'unknown', 'plan']);
/** An event dated outside the years a question names counts this much. */
const OTHER_YEAR = 0.2;
/** A question about several initiatives at once ("hvilke indsatser …", "which initiatives …"). */
const PLURAL_INITIATIVES = /\b(indsatser\w*|initiativer\w*|initiatives|projekter\w*|tilbuddene)\b/;
/** The lines listed for a trait they share cover at least this much of the question, and no more than this less than the best hit ("stammer fra" is one line's word). */
const SHARED_COVERAGE = 0.5;
const SHARED_MARGIN = 0.2;
/** The package holds a word it matches this surely: as written, not by a compound's part ("budget" in "budgetaftale"). */
const PACKAGE_HOLDS = 0.75;
/** A question for one of several ("hvilket af de fem fagprincipper …"). */
const ONE_OF = /\bhvilke[tn] af\b|\bwhich one of\b/;
/** A question for several records of a class ("hvilke fokusområder", "which principles"). */
const PLURAL_LIST = /\b(fokusomr\w*der\w*|fokus omr\w*der\w*|\w*principper\w*|focus areas|principles|indsatser\w*|initiatives)\b/;
/** A principle of another strategy is about the same as one asked about before when it covers this much of its names' words. */
const COUNTERPART_COVERAGE = 0.25;
/** A principle of the strategy meant, covering as much, goes before the best one of another strategy if it scores this share of it. */
const MEANT_SCORE = 0.3;
/** A statement that lists the record found among others answers a plural question when it scores this share of it. */
const LISTING_SCORE = 0.5;
/** The classes of records a plural question asks for several of (PLURAL_LIST). */
const LISTED_CLASSES: ReadonlySet<string> = new Set(['focusArea', 'principle', 'initiative']);
/** Candidates this close to the best score are tied. */
const TIED_SCORE = 0.9;
/** The principles a plural question lists cover it in full, as the best does, and score at least this share of the best. */
const LISTED_MARGIN = 0.05;
const LISTED_SCORE = 0.2;
/** A record of the class a question asks for ("hvilket fokusområde", "which principle", "hvor mange fokusområder"). */
const ASKED_CLASS = 2;
const CLASS_ASKED = NUMBERED_CLASSES.map((c) => ({ of: c.of, pattern: new RegExp(`\\b(?:hvilk\\w*|which|what|hvor mange|how many)\\s+(?:\\w+\\s+)?(?:${c.pattern})\\b`) }));
/** A principle of a strategy the question names (by its years, as the earlier one, or none: the newest) counts this much; of another, this much. */
const STRATEGY_MEANT = 1.25;
const STRATEGY_OTHER = 0.5;
/** A principle of a strategy without focus areas, in a question about focus areas that does not name that strategy. */
const WITHOUT_AREAS = 0.5;
/** A principle of the kind the question names ("fagprincip") counts this much more; one of another kind, this much. */
const KIND_ASKED = 1.3;
const KIND_OTHER = 0.25;

/** A principle or focus area at the position the question asks for counts this much more; one at another position, this much. */
const ORDINAL_MATCH = 3;
const ORDINAL_OTHER = 0.3;
/** A principle, when the question asks for the focus area at a position under it. */
const ORDINAL_PARENT = 0.1;

/** A list question about a topic the sources do not hold (another body's own budget): the honest fallback, not another route's answer. */
const ELSEWHERE = 'elsewhere';

/** Questions about many records at once: lists, totals, the next deadlines, the current strategy. */
function listAnswer(ctx: compose.ComposeContext, u: Understanding, hits: readonly Hit[], words: readonly WordSignal[] = []): { answer: Answer; topic: Topic; named?: boolean } | typeof ELSEWHERE | undefined {
  const { kb } = ctx;
  const top = hits[0];
  const sure = top && top.coverage >= 0.75 ? top : undefined;
  const specific = sure && ['initiative', 'person', 'focusArea', 'plan', 'event'].includes(sure.type) ? sure : undefined;
  const strategyFor = () => {
    const named = kb.strategies.find((s) => u.years.some((y) => Number(y) >= s.period.from && Number(y) <= (s.period.to ?? s.period.from)));
    const byAge = [...kb.strategies].sort((a, b) => b.period.from - a.period.from);
    // "Hvilke principper havde den gamle strategi?": the one before the newest.
    return named ?? (u.earlier ? byAge[1] : undefined) ?? byAge[0];
  };
  const topic = (id: string, type: string) => topicOf(id, type, u);

  const midterm = kb.strategies.find((s) => s.midtermStatus);
  // "Hvad står der om Barnets lov i midtvejsstatus?" asks about its own topic; only a question about the status itself gets it.
  // ("Hvem drøfter midtvejsstatus før Økonomiudvalget?" is about the status: the strategy covers its words as well.)
  const statusCoverage = hits.find((h) => h.id === midterm?.id)?.coverage ?? 0;
  const part = sure && (sure.type === 'principle' || sure.type === 'focusArea');
  const ownTopic = part || (sure && sure.type !== 'strategy' && statusCoverage < sure.coverage - 0.05);
  if (midterm && u.intents.has('midterm') && !ownTopic && !u.intents.has('deadline'))
    return { answer: compose.strategyAnswer(ctx, midterm, 'midterm'), topic: topic(midterm.id, 'strategy'), named: true };

  // Only "which strategy applies now?" gets the current-strategy card; "the principles of the current strategy"
  // asks about the latest strategy, which the ranking prefers anyway.
  // ("Hvornår slutter den nuværende Sikker By-strategi?": the words that name Sikker By itself name no other topic.)
  const asksWhichStrategy =
    u.content.every((w) => /^strateg/.test(w) || SUBJECT_WORDS.has(w)) && !(['principles', 'focusAreas', 'initiatives', 'deadline', 'amount', 'who', 'contact', 'count', 'midterm'] as const).some((i) => u.intents.has(i));
  if (u.intents.has('current') && /strateg/.test(u.folded) && asksWhichStrategy)
    return { answer: compose.currentStrategyAnswer(ctx), topic: topic('strategy-current', 'strategy'), named: true };

  // "Hvilke frister var der i februar 2010?", "hvad skete der 1. marts 2010?": what the sources date in that month or on that day.
  const period = u.content.length === 1 ? periodOf(u.content[0]!) : undefined;
  const asksDated = [...u.intents].every((i) => i === 'deadline' || i === 'list' || i === 'when' || i === 'happened');
  const dated = period && asksDated ? eventsIn(kb, period) : [];
  if (period && dated.length > 1) return { answer: compose.datedAnswer(ctx, period, dated), topic: topic('deadlines', 'deadlines') };
  // "Hvad skete der i efteråret 2019?", "what happened in the summer of 2009?": the events of that season's months, and
  // those dated by their year alone whose text puts them in that season ("I sommeren 2009 blev …"); one is a list too.
  const season = u.content.length === 1 ? seasonOf(u.content[0]!) : undefined;
  const inTheSeason = season && asksDated ? eventsInSeason(kb, u.content[0]!, season) : [];
  if (season && inTheSeason.length > 0) {
    const name = `${SEASON_LABELS[ctx.lang][season.season]} ${season.year}`;
    return { answer: compose.datedAnswer(ctx, season.year, inTheSeason, name), topic: topic('deadlines', 'deadlines') };
  }

  if (u.intents.has('deadline')) {
    const d =
      sure?.type === 'deadline'
        ? kb.deadlines.find((x) => x.id === sure.id)
        : sure?.type === 'initiative'
          ? kb.deadlines.find((x) => x.kind === 'funding-end' && x.concerns.initiative === sure.id)
          : undefined;
    if (d) return { answer: compose.deadlineAnswer(ctx, d), topic: topic(d.id, 'deadline') };
    if (!sure) return { answer: compose.deadlinesAnswer(ctx), topic: topic('deadlines', 'deadlines') };
  }

  // A document, a statement of the sources or a known unknown that the question names outright
  // is the answer, not a list that merely shares a word ("indsatser", "fagprincipper").
  const clear = top && (hits[1] === undefined || top.score >= 1.3 * hits[1].score);
  if (clear && top.coverage >= 0.75 && (top.type === 'fact' || top.type === 'unknown' || top.type === 'source')) return undefined;

  // "Hvilken indsats har det største årlige beløb?": a ranking of the budget lines.
  const order = u.intents.has('most') ? 'most' : u.intents.has('least') ? 'least' : undefined;
  if (order && (u.intents.has('amount') || u.intents.has('initiatives')) && !specific)
    return { answer: compose.rankedByAmount(ctx, order, u.years.find((y) => kb.budgetPackage.years.includes(y))), topic: topic(kb.budgetPackage.id, 'budgetPackage') };

  const year = u.years[0];
  const fundingWords = u.intents.has('fundingEnd') || u.intents.has('total');
  // The budget package's totals answer a question about them, not one about another budget ("kommunens samlede budget").
  if (year && fundingWords && !specific && kb.budgetPackage.years.includes(year) && namesOwnBudget(hits, kb.budgetPackage.id)) return ELSEWHERE;
  if (year && fundingWords && !specific && kb.budgetPackage.years.includes(year) && coversList(u.content, hits, kb.budgetPackage.id)) {
    if (u.intents.has('total') || (u.intents.has('amount') && !u.intents.has('list') && !u.intents.has('initiatives')))
      return { answer: compose.totalsAnswer(ctx, u.years), topic: topic(kb.budgetPackage.id, 'budgetPackage') };
    return { answer: compose.expiringAnswer(ctx, year), topic: topic(kb.budgetPackage.id, 'budgetPackage') };
  }

  if (u.intents.has('permanent') && u.intents.has('list') && u.intents.has('initiatives') && !specific)
    return { answer: compose.permanentFundingAnswer(ctx), topic: topic(kb.budgetPackage.id, 'budgetPackage') };

  const plural = /\b(\w*principper\w*|principles)\b/.test(u.folded);
  // "Hvilke principper handler om børn og unge?": a topic of its own, which principles of both strategies cover in full:
  // all of them, each with its strategy, not only the best one nor the whole list of one strategy.
  const topical = u.content.some((w) => !/^strateg/.test(w) && !SUBJECT_WORDS.has(w));
  if (plural && u.intents.has('list') && !u.intents.has('focusAreas') && !u.intents.has('count') && topical && top?.type === 'principle') {
    const covering = hits.filter((h) => h.type === 'principle' && h.coverage >= Math.max(GATE.complete, top.coverage - LISTED_MARGIN) && h.score >= top.score * LISTED_SCORE);
    const list = kb.principles.filter((p) => covering.some((h) => h.id === p.id));
    if (list.length >= 2) return { answer: compose.principlesListed(ctx, list), topic: topic(top.id, 'principle') };
  }
  // ("Which principle does Exit KK belong to?" asks about the initiative, not for the strategy's principles; "which principle
  // does the nightlife charter belong to?" about a record the knowledge base ties to a principle.)
  const tiedTerm = !plural && sure !== undefined && sure.type !== 'principle' && principlesOf(kb, sure.id).length > 0;
  if ((u.intents.has('list') || u.intents.has('count') || plural) && u.intents.has('principles') && !u.intents.has('focusAreas') && specific?.type !== 'initiative' && !tiedTerm) {
    const fagOnly = sure?.type === 'principle' && !plural && u.principleKind !== 'fagprincip' && u.principleKind !== 'grundprincip';
    // "Hvilket af de fem fagprincipper handler om ekstremisme?" asks for one of them.
    const oneOf = ONE_OF.test(u.folded) && topical && sure?.type === 'principle';
    if (!fagOnly && !oneOf) {
      const s = strategyFor();
      if (s) return { answer: compose.principlesOfStrategy(ctx, s), topic: topic(s.id, 'strategy') };
    }
  }

  if (u.intents.has('list') && u.intents.has('initiatives') && !specific) {
    const org = kb.organisations.find(
      (o) => o.kind === 'administration' && ((o.abbreviation !== undefined && new RegExp(`\\b${fold(o.abbreviation)}\\b`).test(u.folded)) || u.folded.includes(fold(o.name))),
    );
    if (org) return { answer: compose.initiativesByAdministration(ctx, org), topic: topic(org.id, 'organisation') };
  }

  // "Hvilke indsatser er 18+ indsatser?", "which initiatives came from the 2023 budget agreement?": every line of the
  // table that covers the question as well as the best hit does, when there are several.
  const best = hits[0];
  if (best && u.intents.has('list') && u.intents.has('initiatives') && PLURAL_INITIATIVES.test(u.folded)) {
    const bar = Math.max(SHARED_COVERAGE, best.coverage - SHARED_MARGIN);
    const lines = hits.filter((h) => h.type === 'initiative' && h.coverage >= bar);
    const pkg = hits.find((h) => h.id === kb.budgetPackage.id);
    // The trait is a word of their own: not one every record of the field has ("Sikker By", "kommune"), nor the package's ("budgetpakken").
    const trait = (w: WordSignal, i: number) => w.spread < GATE.common && (pkg?.credits[i] ?? 0) < PACKAGE_HOLDS;
    const shared = words.some((w, i) => trait(w, i) && lines.every((h) => (h.credits[i] ?? 0) >= 0.5));
    const ids = new Set(lines.map((h) => h.id));
    const list = kb.initiatives.filter((i) => ids.has(i.id));
    if (shared && list.length >= 2) return { answer: compose.initiativesListed(ctx, list), topic: topic(kb.budgetPackage.id, 'budgetPackage') };
    // "Hvilke indsatser får penge fra Sikker By?", "which initiatives does the budget package fund?": all of them.
    const asksAll = [...u.intents].every((i) => i === 'list' || i === 'initiatives' || i === 'amount') && u.years.length === 0;
    const aboutAll = (pkg !== undefined && pkg.coverage >= best.coverage - SHARED_MARGIN) || words.every((w) => w.spread >= GATE.common && w.unknown === 0);
    if (asksAll && words.length > 0 && aboutAll) return { answer: compose.initiativesListed(ctx, kb.initiatives), topic: topic(kb.budgetPackage.id, 'budgetPackage') };
  }
  return undefined;
}

/** The month ("2010-02") or day ("2010-03-01") a date's word stands for (dates.ts); none for other words. */
function periodOf(word: string): string | undefined {
  const m = /^([dm])(\d{4})(\d{2})(\d{2})?$/.exec(word);
  if (!m || (m[1] === 'd') !== (m[4] !== undefined)) return undefined;
  return [m[2], m[3], m[4]].filter(Boolean).join('-');
}

/** The events dated within the period, or spanning it ("8. februar – 1. marts" is on 1 March and in February). */
function eventsIn(kb: KnowledgeBase, period: string) {
  const end = period.length === 7 ? `${period}-31` : period;
  // (A span of years, "2010–2017", dates nothing within a month.)
  return kb.events.filter((e) => (e.date.startsWith(period) && e.date.length >= period.length) || (e.until !== undefined && e.until.length >= 7 && e.date.length >= 7 && e.date <= end && e.until >= period));
}

/** The events of a season: dated in its months, or dated by the year alone with a text that names the season (its word). */
function eventsInSeason(kb: KnowledgeBase, word: string, { year, season }: { year: string; season: number }) {
  return kb.events.filter((e) => inSeason(e.date, year, season) || (e.date === year && tokens(fold(markDates([e.title, e.description].join(' ')))).includes(word)));
}

/** The answer about one record: a whom-to-contact question about a part of the strategy, or the record type's own answer. */
function answerFor(ctx: compose.ComposeContext, hit: { id: string; type: string }, ask: Ask): Answer | undefined {
  if (ask.u.intents.has('contact') && !ask.u.answerTypes.has('number')) {
    const about = contactTopic(ctx, hit);
    if (about) return compose.contactForTopic(ctx, about);
  }
  return kindOf(hit.type)?.compose(ctx, hit.id, ask);
}

/** What a "whom do I contact about …" question can be about: the parts of the strategy, not a unit or a person (they have their own answers). */
function contactTopic({ kb, lang }: compose.ComposeContext, hit: { id: string }) {
  const r = kb.byId.get(hit.id);
  // A principle by its short name, in English translated with the Danish beside it.
  const principleName = (p: Principle) => localName(p.shortName, prose(p, 'shortName', lang)?.text, lang);
  switch (r?.type) {
    case 'initiative':
      return { name: r.record.name, sources: r.record.sources, administrations: r.record.administrations, administrationsNote: prose(r.record, 'administrationsNote', lang) };
    case 'principle':
      return { name: principleName(r.record), sources: r.record.sources, ids: [r.record.id] };
    case 'focusArea': {
      const parent = kb.principles.find((p) => p.id === r.record.principle);
      return parent ? { name: principleName(parent), sources: [...r.record.sources, ...parent.sources], ids: [r.record.id, parent.id] } : undefined;
    }
    case 'plan':
      return { name: r.record.name, sources: r.record.sources, ids: [r.record.id, ...(r.record.principle ? [r.record.principle] : [])] };
    case 'strategy':
      return { name: r.record.name, sources: r.record.sources };
    default:
      return undefined;
  }
}

function suggestionFor(kb: KnowledgeBase, hit: Hit, lang: Lang): { label: string; question: string } | undefined {
  const danish = kindOf(hit.type)?.label(kb, hit.id);
  if (!danish) return undefined;
  // In English, the record's translation of the field its label is, with the Danish beside it ("Who leads Team Sikker
  // By … (Hvem der leder Team Sikker By …)"): the choice reads in English, and asking it finds the record by either.
  const record: Record<string, unknown> & { en?: Record<string, unknown> } = kb.byId.get(hit.id)?.record ?? {};
  const field = Object.keys(record).find((k) => k !== 'en' && record[k] === danish);
  const english = field !== undefined ? record.en?.[field] : undefined;
  const name = localName(danish, typeof english === 'string' ? english : undefined, lang);
  return { label: name, question: lang === 'da' ? `Hvad er ${name}?` : `What is ${name}?` };
}
