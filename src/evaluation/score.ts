// Scores answers against the evaluation's question format, exactly as
// ../shared/eval/ask.mjs does: every expected pattern must match the folded
// text of the reply; "@fallback" wants an honest "I don't know".
import { z } from 'zod';

export const EvalQuestion = z.object({
  id: z.string(),
  kind: z.string(),
  q: z.string(),
  expect: z.array(z.string()).min(1),
  conv: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** The same folding as the evaluation: lower case, æøå spelled out, accents gone, decimal commas as dots. */
export function evalFold(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/\s+/g, ' ');
}

const FALLBACK =
  /(ved (jeg )?ikke|jeg ved det ikke|kender (jeg )?ikke|(kan|kunne) (jeg )?ikke (finde|svare)|(fandt|finder) (jeg )?ikke|har (jeg )?ikke (et |noget |nogen )?(svar|information|viden|oplysninger)|intet svar|ingen svar|ingen oplysninger|(forstod|forstaar) (jeg )?ikke|ikke sikker|mente du|uden for (mit|min|sikker by)|don'?t know|do not know|(could|can)(n'?t| not) (find|answer)|cannot (find|answer)|no answer|not sure|did you mean|did ?n'?t understand|outside (my|the) )/;

/** Every string of a reply (text and all strings inside its cards), as the evaluation collects them. */
export function replyStrings(reply: unknown): string[] {
  const skip = new Set(['type', 'url', '$schema', 'version', 'id', 'style', 'color', 'contentType', 'weight', 'size', 'spacing',
    'horizontalAlignment', 'width', 'height', 'iconUrl', 'verb', 'msteams']);
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (!skip.has(key)) out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(reply, '');
  return out;
}

export interface Scored {
  readonly item: EvalQuestion;
  readonly ok: boolean;
  readonly misses: string[];
  readonly text: string;
}

export function score(item: EvalQuestion, replyText: string, maxChars = 3000): Scored {
  const text = evalFold(replyText);
  const misses = item.expect.filter((e) => (e === '@fallback' ? !FALLBACK.test(text) : !new RegExp(e).test(text)));
  if (text.length > maxChars) misses.push(`an answer of at most ${maxChars} characters (got ${text.length})`);
  return { item, ok: text.length > 0 && misses.length === 0, misses, text };
}
