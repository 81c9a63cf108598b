// Every sentence of the source documents as something the assistant can quote
// when no typed record answers better: who attended, the meeting's room, a
// case number, which weekdays. Each passage keeps its neighbours, so the
// search sees a sentence in its context and the answer can show it. Pure.
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Source } from '../knowledge/schema';
import type { AnswerType } from './rules';

export interface Passage {
  /** "passage:<file>:<n>", stable while the file does not change. */
  readonly id: string;
  readonly source: Source;
  readonly text: string;
  /** The sentences before and after, for the search's context and the quote. */
  readonly before?: string;
  readonly after?: string;
  /**
   * The heading of the section the sentence stands under ("Løsning", "Status for Center for Sikker By"), or for a
   * footnote of a table the label of the row whose cell bears its marker: words the sentence is found by in context.
   */
  readonly heading?: string;
  /** The kinds of facts the sentence holds, for reranking by the answer type asked for. */
  readonly holds: ReadonlySet<AnswerType>;
}

/** A block shorter than this that does not end a sentence is a label ("Sagsnr."): it joins the next block. */
const LABEL_CHARS = 40;
/** Sentences longer than this are split at their line breaks. */
const LONG_CHARS = 420;

const MONTHS = 'januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec';
const HOLDS: readonly [AnswerType, RegExp][] = [
  ['date', new RegExp(`\\b(\\d{1,2}\\.\\s*(${MONTHS})|\\d{1,2}\\.\\d{1,2}\\.?\\s?\\d{2,4}|\\d{2}-\\d{2}-\\d{4}|(19|20)\\d\\d|${MONTHS.split('|').slice(0, 12).join('|')})\\b`, 'i')],
  ['weekday', /\b(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(e|en)?\b/i],
  ['time', /\bkl\.?\s*\d{1,2}[.:]\d{2}\b/i],
  ['amount', /\b\d+(,\d+)?\s*(mio|mia|kr)\b/i],
  ['place', /\b(rådhuset|værelse|mødested|sal|stuen|adresse|\d{4} københavn)\b/i],
  ['number', /\b(nr\.?|nummer|sagsnr|dokumentnr)\b.*\d|\b\d{4}-\d{4,}\b|\b\d{4} \d{4}\b/i],
  // A reason given: "da indsatserne er meget forskellige", "på baggrund af", "begrunder det med".
  ['reason', /(,\s*da\b|\bfordi\b|\bderfor\b|\bpå (grund|baggrund) af\b|\bbaggrunden\b|\bbegrund\w*|\bskyldes\b|\bidet\b|\bbecause\b|\bsince\b)/i],
  // A name in quotation marks: "satspuljen ”En helhedsorienteret gadeplansindsats …”".
  ['name', /["”“«][^"”“»]{6,}["”“»]/],
  // A list or a quotation introduced by a colon: "Indstillingen skal indeholde:", "i regi af Økonomiudvalget: "Fastsætte …"".
  ['items', /:\s*(["”“]|$)/m],
  // Two things set against each other: "Hvor Sikker By skal …, er SSP …", "mens", "derimod".
  ['contrast', /((?:^|[.\n]\s*)hvor\b[^.]*,|\bmens\b|\bderimod\b|\bi modsætning til\b|\btil forskel fra\b|\bwhereas\b|\bwhile\b|\bunlike\b)/im],
];
/** A person is named by a role; the names of the people the knowledge base knows are added per knowledge base. */
const ROLES = /\b(kontorchef|fuldmægtig|direktør|vicedirektør|borgmester|overborgmester|sagsbehandler|rådgiver|chefpolitiinspektør)\b/i;

/** Whether a sentence holds a fact of the type ("kl. 16:30" a time, ", da …" a reason). */
export function saysIn(type: AnswerType, sentence: string): boolean {
  return HOLDS.find(([t]) => t === type)?.[1].test(sentence) ?? false;
}

/** The kinds of facts a text holds ("kl. 16:30" a time, "tirsdag" a weekday, a known person's name a person). */
export function holdsOf(text: string, people: readonly string[]): Set<AnswerType> {
  const holds = new Set(HOLDS.filter(([, re]) => re.test(text)).map(([t]) => t));
  if (ROLES.test(text) || people.some((name) => text.includes(name))) holds.add('person');
  return holds;
}

/** The sentences of one document, in order. */
export function sentencesOf(text: string): string[] {
  return headedSentencesOf(text).map((s) => s.text);
}

/** A sentence and the heading of the section it stands under. */
export interface HeadedSentence {
  readonly text: string;
  readonly heading?: string;
}

/** A heading is a line of its own, shorter than this. */
const HEADING_CHARS = 90;
/** A heading on the first line of a paragraph ("Aktuel status") is shorter than this: a longer first line is wrapped prose. */
const FIRST_LINE_HEADING_CHARS = 30;
/** A table cell: a figure, perhaps marked for a footnote ("2,7*"). */
const CELL = /^\d+(?:,\d+)?(\**)$/;
/** A footnote under a table: its marker, then its text ("** Midlerne er fordelt …"). */
const FOOTNOTE = /^(\*+)\s*\S/;

/** The sentences of one document, in order, each with the heading of its section. */
export function headedSentencesOf(text: string): HeadedSentence[] {
  const blocks = text
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/(\p{L})-\n\s*(\p{Ll})/gu, '$1$2').replace(/\s*\n\s*/g, '\n').trim())
    .filter((b) => b.length > 0);
  // Labels and their values sit in blocks of their own ("Sagsnr." / "2010-19986"): a label joins the one block after it.
  const merged: { text: string; heading?: string }[] = [];
  let joinNext = false;
  let heading: string | undefined;
  // A table's row label, and the row each footnote marker stands in ("2,7*" under the SSP+ label).
  let row: string | undefined;
  const marked = new Map<string, string>();
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    const cell = CELL.exec(block);
    const footnote = FOOTNOTE.exec(block);
    if (cell) {
      if (cell[1] && row) marked.set(cell[1], row);
    } else if (next !== undefined && CELL.test(next)) {
      // A row of a table has no section heading of its own: its label says what it is.
      row = block;
      heading = undefined;
    } else if (footnote) heading = marked.get(footnote[1] ?? '');
    // (A label's value, "Sagsbehandler" / "Ingeborg Degn", heads nothing.)
    else if (!joinNext && next !== undefined && isHeading(block, next)) heading = block.replace(/[:.]$/, '');
    else {
      // "Aktuel status" on the first line of a paragraph: a heading run into its text.
      const [first = '', ...rest] = block.split('\n');
      if (rest.length > 0 && first.length < FIRST_LINE_HEADING_CHARS && isHeading(first, rest.join('\n')) && !/[:.]$/.test(first)) heading = first;
    }
    if (joinNext) merged[merged.length - 1]!.text += ` ${block}`;
    else merged.push(heading === undefined ? { text: block } : { text: block, heading });
    joinNext = !joinNext && isLabel(block);
  });
  const sentences: HeadedSentence[] = [];
  for (const block of merged)
    for (const part of splitSentences(block.text)) {
      const pieces =
        part.length <= LONG_CHARS
          ? [part]
          : part.split(/\s+(?=[A-ZÆØÅ•-])/).reduce<string[]>((acc, piece) => {
              const prev = acc[acc.length - 1];
              if (prev !== undefined && prev.length + piece.length < LONG_CHARS / 2) acc[acc.length - 1] = `${prev} ${piece}`;
              else acc.push(piece);
              return acc;
            }, []);
      for (const piece of pieces) sentences.push(block.heading === undefined ? { text: piece } : { text: piece, heading: block.heading });
    }
  // A sentence needs three words, or a label and its figure ("Sagsnr. 2010-19986"), to say anything ("6,8" alone is a table cell).
  return sentences.filter(({ text: s }) => {
    const words = (s.match(/\p{L}{2,}/gu) ?? []).length;
    return words >= 3 || (words >= 1 && /\d/.test(s));
  });
}

/**
 * "Løsning", "Status for Center for Sikker By:", "Proces.": a short line of its own that opens with a capital and ends
 * no sentence (a single word may end with a period), before a block of prose (three words, or a phrase that goes on
 * with "," or ":"). A label before its value ("Sagsbehandler" / "Ingeborg Degn") is no heading.
 */
function isHeading(block: string, next: string): boolean {
  if (block.includes('\n') || block.length >= HEADING_CHARS || !/^\p{Lu}/u.test(block)) return false;
  if ((/[.!?]$/.test(block) && !/^\p{L}+\.$/u.test(block)) || block.endsWith(',')) return false;
  // ("Mikkel Boje" / "/ Lise Stidsen Vandahl.": a signature, not a section.)
  if (!/^[\p{L}\d•"”-]/u.test(next)) return false;
  const words = (next.match(/\p{L}{3,}/gu) ?? []).length;
  return words >= 3 || /[,:]$/.test(next);
}

/** Words that end with a period without ending a sentence ("d. 12. januar", "kl. 16:30", "bl.a."). */
const ABBREVIATIONS = new Set(['d', 'de', 'a', 'bl', 'kl', 'nr', 'f', 'eks', 'evt', 'mm', 'ca', 'jf', 'pt', 'mio', 'kr', 'dvs', 'inkl', 'ift', 'vedr', 'sagsnr', 'dokumentnr', 'mv']);

/** "Sagsnr.", "Telefon", "Sagsbehandler": a short block of words without figures, not ending a sentence. */
function isLabel(block: string): boolean {
  if (block.length >= LABEL_CHARS || block.includes('\n') || /\d/.test(block) || !/\p{L}/u.test(block)) return false;
  const last = /(\p{L}+)\.$/u.exec(block)?.[1]?.toLowerCase();
  return !/[.!?:]["”]?$/.test(block) || (last !== undefined && ABBREVIATIONS.has(last));
}

/** A block's sentences: a period, "!" or "?" ends one before a capital letter, or at the end of a line. */
function splitSentences(block: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /([.!?])(["”]?)(\n|\s+(?=["”]?[A-ZÆØÅ]))/g;
  for (let m = re.exec(block); m; m = re.exec(block)) {
    const word = /([\p{L}]+)$/u.exec(block.slice(start, m.index))?.[1]?.toLowerCase() ?? '';
    const [, mark = '', quote = '', gap = ''] = m;
    if (mark === '.' && ABBREVIATIONS.has(word)) continue;
    if (mark === '.' && /\d$/.test(block.slice(0, m.index)) && gap !== '\n') continue;
    out.push(block.slice(start, m.index + mark.length + quote.length));
    start = m.index + m[0].length;
  }
  out.push(block.slice(start));
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export function passagesOf(kb: KnowledgeBase): Passage[] {
  const out: Passage[] = [];
  const names = kb.people.map((p) => p.name);
  for (const source of kb.sources) {
    const text = kb.sourceTexts[source.file];
    if (text === undefined) continue;
    const sentences = headedSentencesOf(text);
    sentences.forEach(({ text: s, heading }, n) => {
      const holds = holdsOf(s, names);
      const headed = heading === undefined ? {} : { heading };
      out.push({ id: `passage:${source.file}:${n}`, source, text: s, before: sentences[n - 1]?.text, after: sentences[n + 1]?.text, holds, ...headed });
    });
  }
  return out;
}
