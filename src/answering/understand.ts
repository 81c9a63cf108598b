// What a question asks (intents and the type of answer, from the table in
// rules.ts), what it is about (its content words), which years it names, and
// whether it has a topic of its own or leans on the previous answer
// ("og i 2026?", "hvornår udløber den?"). Pure.
import type { Lang } from '../kernel/lang';
import type { Analyzer } from './analyze';
import { CAPITALISED_WORDS, CLEFT, CONTINUATIONS, COUNT_BEFORE, FOCUS_ADJECTIVE, FOCUS_ADJECTIVES, FOCUS_BEFORE, FOCUS_OTHER, FROM_END_WORDS, NUMBER_WORDS, NUMBERED_CLASSES, ORDINAL_WORDS, PERSON_PRONOUNS, PRINCIPLE_KIND_WORDS, PRONOUNS, ROLE_WORDS, RULES, type AnswerType, type Intent, type PrincipleKind, type Shift } from './rules';
import { isDateWord, markDates } from './dates';
import { fold, tokens } from './text';

export interface Understanding {
  readonly folded: string;
  readonly lang: Lang;
  readonly intents: ReadonlySet<Intent>;
  readonly answerTypes: ReadonlySet<AnswerType>;
  /** Years the question names, in order. */
  readonly years: readonly string[];
  /** The words that say what the question is about (folded, without stopwords and question words). */
  readonly content: readonly string[];
  /** Adjacent words joined, stopwords included: names made of common words ("ALL IN" → "allin", "korte snor" → "kortesnor"). */
  readonly joined: readonly string[];
  /** The content word right after "hvilken/hvilket/which …": what the answer must be ("hvilket punkt" → punkt). */
  readonly focus?: string;
  /**
   * For an English question, the English words each word of it stands for: its own for a word the vocabulary
   * leaves as it is ("chaired"), the phrase for a word it put into Danish ("styregruppen" ← steering group).
   */
  readonly english: ReadonlyMap<string, readonly string[]>;
  /** The question words themselves, which match records' alternate questions. */
  readonly frame: readonly string[];
  /** It names a class of records ("indsatser", "fokusområder"): a frame of its own. */
  readonly classNoun: boolean;
  /** It has no topic of its own and leans on the previous answer. */
  readonly elliptic: boolean;
  /** It opens with "og", "and", "hvad med" …: it continues the previous question. */
  readonly continues: boolean;
  /** It says "den", "det", "it" … for the previous answer's topic. */
  readonly refersBack: boolean;
  /** Of those words, one stands for a person ("hans", "his"): the person the previous answer named. */
  readonly refersToPerson: boolean;
  /** The position it asks for in a numbered class of records: "det andet fokusområde" (2, focusArea). */
  readonly ordinal?: Ordinal;
  /** It asks the assistant to act or to judge ("kan du booke …", "anbefal …"), not for a fact (rules.ts). */
  readonly request: boolean;
  /** The content word right after "hvor mange", "how many": what the answer must count ("hvor mange ansatte" → ansatte). */
  readonly counted?: string;
  /** It asks for the record before (-1) or after (1) the previous answer's in their order ("den forrige strategi"). */
  readonly step?: -1 | 1;
  /** The content words that only say which neighbour ("næste", kept as a topic word too): no topic of their own. */
  readonly stepWords: readonly string[];
  /** It asks about a time this far from the previous answer's ("en uge senere", "og året efter?"). */
  readonly shift?: Shift;
  /** It names an earlier strategy than the newest without its years ("den gamle strategi"). */
  readonly earlier: boolean;
  /** The kind of principle it names ("fagprincip", "subject principle"); none for plain "princip", which names every kind. */
  readonly principleKind?: PrincipleKind;
  /** A "who" question's content word for a post ("direktør", "politichef", "mayor"): the answer must show who holds it. */
  readonly role?: string;
  /**
   * The content word a possessive asks for ("Aarhus Kommunes tryghedsstrategi", "Aarhus Municipality's safety strategy",
   * "the budget of Aarhus Municipality": tryghedsstrategi, strategien, budget): what is asked of the owner, which an
   * answer must hold. A record that names the owner only in passing does not answer it.
   */
  readonly possessed?: string;
}

interface Ordinal {
  /** The place, from 1; counted from the end when negative ("og den sidste?": -1). */
  readonly n: number;
  /** The class the position is in; absent for an ordinal on its own ("og det tredje?"). */
  readonly of?: (typeof NUMBERED_CLASSES)[number]['of'];
  /** The question names nothing but the position ("hvad er det andet fokusområde?", "og det tredje?"). */
  readonly alone: boolean;
}

const toPattern = (word: string) =>
  word
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('\\w*');

/** A table's words as one pattern on folded text: whole words, a * for any ending, a space for any spaces. */
export const wordsPattern = (words: readonly string[]): RegExp => new RegExp(words.map((w) => `\\b${toPattern(w)}\\b`).join('|'));

const COMPILED = RULES.map((rule) => {
  const pattern = new RegExp(
    [...rule.words.map((w) => `\\b${toPattern(w)}\\b`), ...(rule.pattern ? [`\\b${rule.pattern}\\b`] : [])].join('|'),
    'g',
  );
  // The same words as one whole word, for the parts of a compound.
  return { rule, pattern, whole: new RegExp(`^(?:${pattern.source})$`) };
});
const PRINCIPLE_KINDS = (Object.entries(PRINCIPLE_KIND_WORDS) as [PrincipleKind, readonly string[]][]).map(([kind, words]) => ({ kind, pattern: wordsPattern(words) }));
// "When did Sikker By start?": as the last word after "did", "start" is the verb, not the name in "Ny Start".
const VERB_START = /(?<=\b(?:did|does|do)\b.*)\b(start|begin)$/;
const YEAR = /\b(19|20)\d\d\b/g;
/** A range of years whose end is written with two digits ("2018-21", "2022–25"). */
const SHORT_RANGE = /\b((19|20)(\d\d)) ?[-–] ?(\d\d)\b(?![.,]\d)/g;
const CONTINUES = new RegExp(`^(${CONTINUATIONS.map(toPattern).join('|')})\\b`);
const PRONOUN = new Set(PRONOUNS);
const PERSON_PRONOUN: ReadonlySet<string> = new Set(PERSON_PRONOUNS);
const CLEFT_VERBS: ReadonlySet<string> = new Set(CLEFT.verbs);
const CLEFT_PRONOUNS: ReadonlySet<string> = new Set(CLEFT.pronouns);
const CLEFT_RELATIVES: ReadonlySet<string> = new Set(CLEFT.relatives);
const FOCUS_AFTER = new Set(FOCUS_BEFORE);
const COUNT_AFTER = new Set(COUNT_BEFORE);

/** The word after a pronoun that stands for what follows: "hvad betyder det, at …", "what does it mean that …". */
const FORWARD: ReadonlySet<string> = new Set(['at', 'that']);
/** Where a clause ends: a comma, a semicolon, a colon or a dash between words. */
const CLAUSE_END = /[,;:]|\s[–—-]\s/;

/**
 * The clause each of the question's words is in, counted from 0 (the words as analyzer.words gives them, of the text
 * as typed: folding drops the punctuation); all in clause 0 where the clauses' words do not add up to the question's.
 */
function clausesOf(text: string, analyzer: Analyzer, lang: Lang, count: number): number[] {
  const clauses = text.split(CLAUSE_END).flatMap((part, n) => analyzer.words(fold(part), lang).map(() => n));
  return clauses.length === count ? clauses : Array.from({ length: count }, () => 0);
}

/** The words that are an article before an adjective ("den nye handleplan") as well as a pronoun ("hvornår udløber den?"). */
const ARTICLES = new Set(['den', 'det', 'denne', 'dette']);
/** An ordinal, as a word ("tredje") or as the number ordinalOf writes it as ("det 2 fokusområde"). */
const isOrdinal = (w: string) => ORDINAL_WORDS[w] !== undefined || /^[1-9]$/.test(w);
/** A definite adjective ("nuværende", "københavnske", "særlige") or an ordinal ("andet"). */
const isAdjective = (w: string | undefined) => w !== undefined && (/^\p{L}{3,}e$/u.test(w) || isOrdinal(w));

/** The words before a number that counts the class after it: "de fem fagprincipper", "hvilke to fokusområder", "the five principles". */
const COUNTED_CLASS = new Set(['de', 'hvilke', 'alle', 'the', 'which', 'all']);
const MODIFIERS = new Set(FOCUS_ADJECTIVES);
/** A word that goes before the noun asked for ("anden", "politisk"). */
const isModifier = (w: string) => MODIFIERS.has(w) || FOCUS_ADJECTIVE.test(w);

const CAPITALISED = new RegExp(`\\b(?:${Object.keys(CAPITALISED_WORDS).join('|')})\\b`, 'g');
/** A word that names a post, or a compound that ends in one ("politichef"). */
const ROLES = ROLE_WORDS.map((w) => tokens(w).join(''));
const isRole = (w: string) => ROLES.some((r) => w.endsWith(r));

const NUMBERED = new RegExp(`\\b(nummer|nr|number|no)\\s+(${Object.keys(NUMBER_WORDS).join('|')})\\b`, 'g');

// An ordinal right before a class noun ("det andet fokusområde", "the third principle"), but not "et andet
// fokusområde" (another one); or a number after it ("fagprincip nummer 4", "fagprincip 4", "principle no. 4").
const ORDINAL_BEFORE = NUMBERED_CLASSES.map(({ of, pattern }) => ({
  of,
  pattern: new RegExp(`(?<!\\b(?:et|en|noget|nogen|an) )\\b(${Object.keys(ORDINAL_WORDS).join('|')})\\s+(?=(?:${pattern})\\b)`),
}));
const ORDINAL_AFTER = NUMBERED_CLASSES.map(({ of, pattern }) => ({
  of,
  pattern: new RegExp(`\\b(?:${pattern})\\s+(?:(?:er|var|is|was)\\s+)?(nummer\\s+|nr\\s+|number\\s+|no\\s+)?([1-9])\\b`),
}));

/** The position the question asks for, with the ordinal word written as its number (as records are numbered). */
function ordinalOf(folded: string): { folded: string; ordinal?: Omit<Ordinal, 'alone'>; byNumber: boolean } {
  for (const { of, pattern } of ORDINAL_BEFORE) {
    const m = pattern.exec(folded);
    const n = m && ORDINAL_WORDS[m[1]!];
    if (m && n) return { folded: `${folded.slice(0, m.index)}${n} ${folded.slice(m.index + m[0].length)}`, ordinal: { n, of }, byNumber: false };
  }
  for (const { of, pattern } of ORDINAL_AFTER) {
    const m = pattern.exec(folded);
    if (m) return { folded, ordinal: { n: Number(m[2]), of }, byNumber: m[1] !== undefined };
  }
  return { folded, byNumber: false };
}

/**
 * @param knows whether the knowledge base knows a word as it is: a compound it does not know may be split
 * into its topic and a question word.
 */
export function understand(typed: string, lang: Lang, analyzer: Analyzer, knows?: (word: string) => boolean): Understanding {
  // "IT support": the capitals say it is the word, which folding would make the pronoun "it".
  // "strategien 2018-21" names the years 2018 to 2021, as the strategies are also written.
  const text = typed.replace(CAPITALISED, (w) => CAPITALISED_WORDS[w] ?? w).replace(SHORT_RANGE, (m, from: string, century: string, start: string, end: string) => (end > start ? `${from}-${century}${end}` : m));
  // "nummer to" is number 2, as records are numbered.
  const reading = (t: string) => ordinalOf(fold(t).replace(NUMBERED, (_m, word: string, n: string) => `${word} ${NUMBER_WORDS[n] ?? n}`));
  const { folded, ordinal: position, byNumber } = reading(text);
  const intents = new Set<Intent>();
  const answerTypes = new Set<AnswerType>();
  const frame: string[] = [];
  let classNoun = false;
  let request = false;
  let step: -1 | 1 | undefined;
  let earlier = false;
  let shift: Shift | undefined;
  const stepWords: string[] = [];
  const askWords: string[] = [];
  // A date is one word of the topic ("19. januar 2010" → d20100119, dates.ts); its year is still one of the years named.
  const marked = markDates(text);
  let rest = marked === text ? folded : reading(marked).folded;
  if (VERB_START.test(rest)) {
    intents.add('when');
    answerTypes.add('date');
    rest = rest.replace(VERB_START, ' ');
  }
  for (const { rule, pattern } of COMPILED) {
    if (rule.lang && rule.lang !== lang) continue;
    const found = rest.match(pattern);
    if (!found) continue;
    for (const i of rule.intents ?? []) intents.add(i);
    if (rule.answer) answerTypes.add(rule.answer);
    if (rule.classNoun) classNoun = true;
    if (rule.request) request = true;
    if (rule.earlier) earlier = true;
    step ??= rule.step;
    shift ??= rule.shift;
    if (rule.step && rule.topic) stepWords.push(...found.flatMap((f) => analyzer.words(f, lang)));
    if (rule.asks) askWords.push(...found.flatMap((f) => analyzer.words(f, lang)));
    frame.push(...found);
    if (!rule.topic) rest = rest.replace(pattern, ' ');
  }
  // "hvilke dage" asks for weekdays, not for a list of records; "hvem skal jeg kontakte" for a contact, not a person named in a text.
  if (answerTypes.has('weekday')) intents.delete('list');
  if (intents.has('contact')) answerTypes.delete('person');
  // "fagprincip nummer 4" names a position; it does not ask for a number.
  if (byNumber) answerTypes.delete('number');
  const years = [...folded.matchAll(YEAR)].map((m) => m[0]);
  rest = rest.replace(YEAR, ' ');
  const glossed = analyzer.glossed(rest, lang);
  const words = glossed.map((g) => g.word);
  const english = new Map<string, readonly string[]>();
  for (const g of glossed) if (g.english.length > 0 && !english.has(g.word)) english.set(g.word, g.english);
  const continues = CONTINUES.test(folded);
  const all = analyzer.words(folded, lang);
  // "den nuværende strategi", "det københavnske natteliv": "den"/"det" before an adjective and its noun is an
  // article, not a word for the previous answer's topic; "hvornår udløber den?", "har den varig finansiering?" point back.
  const article = (i: number) => ARTICLES.has(all[i]!) && isAdjective(all[i + 1]) && all[i + 2] !== undefined && !analyzer.isStopword(all[i + 2]!, lang);
  // "Hvem er det, der står for …": a cleft's pronoun points forward, to the rest of the question.
  const cleft = (i: number) => CLEFT_PRONOUNS.has(all[i]!) && CLEFT_VERBS.has(all[i - 1] ?? '') && CLEFT_RELATIVES.has(all[i + 1] ?? '');
  // "Hvad betyder det, at der kommer nye fokusområder?": "det" before "at" stands for the clause after it.
  const ahead = (i: number) => CLEFT_PRONOUNS.has(all[i]!) && FORWARD.has(all[i + 1] ?? '');
  // "Hvordan var Center for Sikker By bemandet, da det startede?", "princippet om unge – hvad hedder det?": a pronoun
  // after a clause that names a topic of the question's own stands for that topic, not for the previous answer's.
  const clauses = clausesOf(text, analyzer, lang, all.length);
  const topicWord = (w: string) => words.includes(w) && !analyzer.isStopword(w, lang) && !PRONOUN.has(w) && !isOrdinal(w) && !/\d/.test(w) && !CONTINUATIONS.includes(w);
  const ownBefore = (i: number) => !PERSON_PRONOUN.has(all[i]!) && all.some((w, j) => j < i && clauses[j]! < clauses[i]! && topicWord(w));
  // "den 12. januar" is a date's article too.
  const pointsBack = all.some((w, i) => PRONOUN.has(w) && !article(i) && !cleft(i) && !ahead(i) && !ownBefore(i) && !isDateWord(all[i + 1] ?? ''));
  const refersToPerson = all.some((w) => PERSON_PRONOUN.has(w));
  const hasArticle = all.some((_, i) => article(i));
  const content: string[] = words.filter((w) => !analyzer.isStopword(w, lang) && !PRONOUN.has(w) && !(continues && w === words[0] && CONTINUATIONS.includes(w)));
  // A compound that holds a class noun ("nattelivsprincippet") asks for that class and keeps its topic.
  for (const w of content)
    for (const part of analyzer.terms(w).parts)
      for (const { rule, whole } of COMPILED)
        if (rule.classNoun && whole.test(part)) {
          classNoun = true;
          for (const i of rule.intents ?? []) intents.add(i);
        }
  // A compound the knowledge base does not know, one of whose parts is a question word
  // ("radikaliseringsmidlerne": radikalisering + midlerne), asks what that word asks about the other parts.
  if (knows)
    for (let n = 0; n < content.length; n++) {
      const w = content[n]!;
      const parts = knows(w) ? [] : analyzer.split(w);
      const framing = parts.map((part) => COMPILED.find(({ rule, whole }) => !rule.topic && (!rule.lang || rule.lang === lang) && whole.test(part))?.rule);
      if (!framing.some(Boolean)) continue;
      framing.forEach((rule, i) => {
        if (!rule) return;
        for (const x of rule.intents ?? []) intents.add(x);
        if (rule.answer) answerTypes.add(rule.answer);
        if (rule.classNoun) classNoun = true;
        frame.push(parts[i]!);
      });
      const topic = parts.filter((part, i) => !framing[i] && !analyzer.isStopword(part, lang));
      content.splice(n, 1, ...topic);
      n += topic.length - 1;
    }
  // "de fem fagprincipper", "hvilke to nye fokusområder": how many a class has is said of the class, not a topic word
  // ("hvilke fagprincipper har tre fokusområder?" asks about the three).
  const classAt = (i: number) => all[i] !== undefined && COMPILED.some(({ rule, whole }) => rule.classNoun && whole.test(all[i]!));
  all.forEach((w, i) => {
    const numberWord = w in NUMBER_WORDS && !['en', 'et', 'one'].includes(w) && COUNTED_CLASS.has(all[i - 1] ?? '');
    if (numberWord && (classAt(i + 1) || (isModifier(all[i + 1] ?? '') && classAt(i + 2))) && content.includes(w)) content.splice(content.indexOf(w), 1);
  });
  // A content word that only repeats the end of a question word ("status" beside "midtvejsstatus") says nothing more.
  const framed = frame.flatMap((f) => analyzer.words(f, lang));
  const repeats = (w: string) => w.length >= 4 && framed.some((f) => f.length > w.length && f.endsWith(w));
  const kept = content.filter((w) => !repeats(w));
  if (kept.length > 0 && kept.length < content.length) content.splice(0, content.length, ...kept);
  // The noun asked for, past the adjectives before it ("hvilken anden kommune": kommune); none when that noun is frame ("hvilket politisk organ").
  const asked = all.findIndex((w, i) => i > 0 && FOCUS_AFTER.has(all[i - 1]!) && content.includes(w));
  let head = asked;
  while (head >= 0 && head + 1 < all.length && isModifier(all[head]!) && !analyzer.isStopword(all[head + 1]!, lang)) head++;
  const focus = head >= 0 && content.includes(all[head]!) ? all[head] : undefined;
  for (let i = asked; i >= 0 && i < head; i++) if (FOCUS_OTHER.includes(all[i]!) && content.includes(all[i]!)) content.splice(content.indexOf(all[i]!), 1);
  const counted = all.find((w, i) => i > 0 && COUNT_AFTER.has(all[i - 1]!) && content.includes(w));
  // The noun asked for says what the answer is: "Hvilket prisniveau er beløbene opgjort i?" asks for no amount.
  if (focus) for (const t of answerTypes) if (t !== 'name') answerTypes.delete(t);
  // The position asked for, and whether the question names anything else: an ordinal alone ("og det tredje?") is one too.
  // ("og den sidste?", "and the last one?": a place from the end, where the question names no class of its own.)
  const fromEnd = classNoun ? undefined : words.find((w) => FROM_END_WORDS[w] !== undefined);
  const lone = (content.length === 1 ? ORDINAL_WORDS[content[0]!] : undefined) ?? (fromEnd && content.every((w) => w === fromEnd) ? -(FROM_END_WORDS[fromEnd] ?? 1) : undefined);
  const ordinal: Ordinal | undefined = position
    ? { ...position, alone: content.every((w) => w === String(position.n)) }
    : lone
      ? { n: lone, alone: true }
      : undefined;
  const joined = words.slice(1).map((w, i) => `${words[i]}${w}`);
  // "hvad er det andet fokusområde?": a definite phrase with no topic word of its own is about the previous answer.
  const refersBack = pointsBack || (hasArticle && content.every(isOrdinal));
  const elliptic = content.every((w) => stepWords.includes(w) || askWords.includes(w)) && (continues || refersBack || !classNoun);
  const principleKind = PRINCIPLE_KINDS.find(({ pattern }) => pattern.test(folded))?.kind;
  const role = intents.has('who') ? content.find(isRole) : undefined;
  const possessed = possessedOf(typed, analyzer, all, content, lang);
  return { folded, lang, intents, answerTypes, years, content, joined, english, focus, frame, classNoun, elliptic, continues, refersBack, refersToPerson, ordinal, request, counted, step, stepWords, shift, earlier, ...(principleKind ? { principleKind } : {}), ...(role ? { role } : {}), ...(possessed ? { possessed } : {}) };
}

/** A Danish genitive: a word of at least three letters and an "s" ("Kommunes", "Rigspolitiets", "Brandvæsenets"). */
const GENITIVE = /^\p{L}{3,}s$/u;

/** The words before a phrase that says what something else is about ("notatet om Socialforvaltningens rolle"). */
const ABOUT: ReadonlySet<string> = new Set(['om', 'vedroerende', 'vedrorende', 'about', 'on', 'regarding', 'concerning']);

/**
 * Understanding.possessed: the content word after a Danish genitive, the last of the phrase after an English "'s"
 * (the head of "safety strategy"), or the content word before an English "of", where the owner is a name, written
 * with a capital inside the sentence ("Aarhus Kommunes", "Rigspolitiets"). Not a common noun's genitive ("centrets
 * lokale" asks about the record the question is about anyway), nor a phrase inside a name ("the Administration of
 * Justice Act"), nor one that says what something else is about ("modtageren af notatet om Socialforvaltningens rolle":
 * the document is asked about, in words of its own).
 */
function possessedOf(typed: string, analyzer: Analyzer, all: readonly string[], content: readonly string[], lang: Lang): string | undefined {
  const names = new Set(typed.split(/\s+/).slice(1).filter((w) => /^\p{Lu}/u.test(w)).flatMap((w) => analyzer.words(fold(w), lang)));
  const has = (i: number) => all[i] !== undefined && content.includes(all[i]!);
  /** Whether the owner's name, ending at i, follows a word that makes the phrase say what something else is about. */
  const describes = (i: number) => {
    let start = i;
    while (start > 0 && names.has(all[start - 1]!)) start--;
    return ABOUT.has(all[start - 1] ?? '');
  };
  if (lang === 'en') {
    const owner = all.findIndex((w, i) => w === 's' && names.has(all[i - 1] ?? '') && !describes(i - 1) && has(i + 1));
    let head = owner + 1;
    while (owner >= 0 && has(head + 1)) head++;
    if (owner >= 0) return all[head];
    // ("the budget of the City of Copenhagen": the owner is the first word after "of" that is not a stopword.)
    const ownerAfter = (i: number) => all.slice(i + 1).find((x) => !analyzer.isStopword(x, lang)) ?? '';
    const of = all.findIndex((w, i) => w === 'of' && has(i - 1) && !names.has(all[i - 1]!) && !describes(i - 2) && names.has(ownerAfter(i)));
    return of > 0 ? all[of - 1] : undefined;
  }
  let owned: number | undefined;
  all.forEach((w, i) => {
    if (i > 0 && GENITIVE.test(all[i - 1]!) && names.has(all[i - 1]!) && !describes(i - 1) && has(i)) owned = i;
  });
  return owned === undefined ? undefined : all[owned];
}
