// Text on a card as text and nothing more. Adaptive Cards read a TextBlock's
// text and a Fact's title and value as markdown (Teams: a CommonMark subset;
// the Agents Playground and the designer: markdown-it), so a knowledge record's
// "- 3. november 2022" becomes a nested numbered list, "fodnote **" may start
// bold text, and a display name "[Klik](https://…)" becomes a link. Every card
// passes the text it did not write itself through one of these. Pure.

const ZERO_WIDTH_SPACE = '\u200B';
// A list marker or heading needs a plain space or tab after it (CommonMark);
// a no-break space there reads the same, and text pasted or matched with \s
// sees an ordinary space instead of a backslash before "3. november".
const NO_BREAK_SPACE = '\u00A0';

// Inline markdown: escapes, code spans, emphasis and strikethrough, link and
// image brackets, autolinks and HTML, table pipes. Backslash escapes are
// CommonMark's own, so every renderer shows the character itself.
const INLINE = /[\\`*_[\]<>~|]/g;
// An entity such as "&amp;" or "&#42;" would be decoded.
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;
// At the start of a line: a heading (#) or a bullet (- +; * and > are escaped
// inline) followed by a space: the space becomes a no-break space.
const MARKER_AND_SPACE = /^([#+-]|\d{1,9}[.)])[ \t]/;
// A line of markers only: a setext underline or thematic break ("===", "---"),
// a heading or list marker alone ("#", "2025."): escaped with a backslash.
const MARKERS_ONLY = /^([#=+-])(?=[#=+-]*[ \t]*$)/;
const ORDERED_ONLY = /^(\d{1,9})([.)])$/;
// What any of the patterns above can change: a line with none of it is left as it is
// (most are; a card has dozens of them, and this one test is cheaper than six replaces).
const MAY_CHANGE = /^[ \t#=+\-\d]|[\\`*_[\]<>~|&]/;

/**
 * Plain text as it must appear in a TextBlock or a Fact: every piece of markdown
 * syntax escaped, so it renders exactly as written (one line stays one line of
 * text, "**" stays two stars). Leading spaces go (four would make a code block).
 * For text the bot composes from the knowledge base; line breaks are kept.
 */
export function cardText(text: string): string {
  return text.split('\n').map(escapeLine).join('\n');
}

function escapeLine(line: string): string {
  if (!MAY_CHANGE.test(line)) return line;
  return line
    .replace(/^[ \t]+/, '')
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(MARKER_AND_SPACE, `$1${NO_BREAK_SPACE}`)
    .replace(MARKERS_ONLY, '\\$1')
    .replace(ORDERED_ONLY, '$1\\$2');
}

/**
 * The text with every template expression, mention tag and link broken by an
 * invisible zero-width space: it reads the same, but no client or template
 * engine finds "${", "<at>", "https://", "www.", "mailto:" or an e-mail address
 * in it. On its own for TextRuns (which never read markdown).
 */
export function inert(text: string): string {
  return text
    .replace(/\$\{/g, `$${ZERO_WIDTH_SPACE}{`)
    .replace(/</g, `<${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
    .replace(/\b(mailto|tel|sip|msteams):/gi, (m) => `${m.slice(0, -1)}${ZERO_WIDTH_SPACE}:`)
    .replace(/(?<=\S)@(?=\S)/g, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * `cardText` for what a person wrote or is called (display names, typed
 * questions) and any text that includes it: also nothing in it becomes a link
 * or a mention. Knowledge-base text keeps its addresses whole (`cardText`), so
 * a contact's e-mail address can still be copied.
 */
export function personText(text: string): string {
  return cardText(inert(text));
}
