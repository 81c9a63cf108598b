// What people write into the loop (a question, an expert's answer, a display
// name) is shown on cards that other people see. Checked like any user input:
// bounded, no control characters; and shown so that nothing in it can act as
// more than text. The cards put it in TextRuns, which Adaptive Cards never read
// as markdown; what is left is what a client might still pick out of plain
// text: a template expression, a mention tag, a link.

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * The text with every template expression, mention tag and link broken by an
 * invisible zero-width space: it reads the same, but no client or template
 * engine finds "${", "<at>", "https://" or "www." in it.
 */
export function inert(text: string): string {
  return text
    .replace(/\$\{/g, `$${ZERO_WIDTH_SPACE}{`)
    .replace(/</g, `<${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
    .replace(/\b(mailto|tel|sip|msteams):/gi, (m) => `${m.slice(0, -1)}${ZERO_WIDTH_SPACE}:`);
}

/** `inert`, and for a markdown message (not a TextRun): markdown's own characters escaped. */
export function inertMarkdown(text: string): string {
  return inert(text).replace(/[\\`*_[\]()#>~|]/g, (c) => `\\${c}`);
}

export type TextCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: 'empty' | 'tooLong' };

/**
 * An expert's answer (or a question) as it will be stored: trimmed, line
 * breaks normalised, other control characters removed, at most `max` characters.
 */
export function checkText(raw: unknown, max: number): TextCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'empty' };
  const text = raw
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length > max) return { ok: false, problem: 'tooLong' };
  return { ok: true, text };
}
