// What people write into the loop (a question, an expert's answer, a display
// name) is shown on cards that other people see. Checked like any user input:
// bounded, no control characters. How it is shown so that nothing in it can act
// as more than text is src/cards/safe-text.ts (`inert` for the cards' TextRuns,
// `personText` for markdown).

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
