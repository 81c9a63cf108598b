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
  const blocks = text
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/(\p{L})-\n\s*(\p{Ll})/gu, '$1$2').replace(/\s*\n\s*/g, '\n').trim())
    .filter((b) => b.length > 0);
  // Labels and their values sit in blocks of their own ("Sagsnr." / "2010-19986"): a label joins the one block after it.
  const merged: string[] = [];
  let joinNext = false;
  for (const block of blocks) {
    if (joinNext) merged[merged.length - 1] += ` ${block}`;
    else merged.push(block);
    joinNext = !joinNext && isLabel(block);
  }
  const sentences: string[] = [];
  for (const block of merged)
    for (const part of splitSentences(block)) {
      if (part.length <= LONG_CHARS) sentences.push(part);
      else
        sentences.push(
          ...part.split(/\s+(?=[A-ZÆØÅ•-])/).reduce<string[]>((acc, piece) => {
            const prev = acc[acc.length - 1];
            if (prev !== undefined && prev.length + piece.length < LONG_CHARS / 2) acc[acc.length - 1] = `${prev} ${piece}`;
            else acc.push(piece);
            return acc;
          }, []),
        );
    }
  // A sentence needs three words, or a label and its figure ("Sagsnr. 2010-19986"), to say anything ("6,8" alone is a table cell).
  return sentences.filter((s) => {
    const words = (s.match(/\p{L}{2,}/gu) ?? []).length;
    return words >= 3 || (words >= 1 && /\d/.test(s));
  });
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
    const sentences = sentencesOf(text);
    sentences.forEach((s, n) => {
      const holds = holdsOf(s, names);
      out.push({ id: `passage:${source.file}:${n}`, source, text: s, before: sentences[n - 1], after: sentences[n + 1], holds });
    });
  }
  return out;
}
