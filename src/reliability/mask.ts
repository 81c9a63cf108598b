// Personal data masked out of question text before it is stored (unanswered
// questions, feedback, answers kept for their rating buttons): people paste CPR
// numbers, e-mail addresses and phone numbers into questions, and the editors who
// read those lists need the question, not the person.

const PATTERNS: readonly [RegExp, string][] = [
  // E-mail addresses first: their digits must not be taken for a phone number.
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[e-mail]'],
  // CPR: ddmmyy-nnnn, with or without the dash (or a space); ten digits in a row.
  [/(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)/g, '[CPR-nummer]'],
  // Danish phone numbers: eight digits, alone or in pairs or fours, with +45 or 0045 before them or not.
  [/(?<![\d+])(?:(?:\+|00)45[\s-]?)?(?:\d{8}|\d{2}(?:[\s-]\d{2}){3}|\d{4}[\s-]\d{4})(?!\d)/g, '[telefonnummer]'],
];

/**
 * NUL and the other control characters but tab and line breaks: PostgreSQL's text
 * cannot hold NUL, and a write it refuses for its data would wait in the durable
 * queue forever, holding back every write behind it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function maskPersonalData(text: string): string {
  return PATTERNS.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), text.replace(CONTROL, ''));
}
