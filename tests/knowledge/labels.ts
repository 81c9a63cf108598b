// How a citation's `section` is checked against its document: it quotes the
// document's own heading(s), or says "(ingen overskrift: <the passage's first
// words>)" where the passage has none. Shared by the fidelity test.

/** Lower case, Danish letters reduced as the OCR of 001 reduces them, punctuation a space. */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øé]/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9+§ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1 − (edit distance / longer length). */
function similarity(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] ?? 0;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] ?? 0;
      d[j] = Math.min((d[j] ?? 0) + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return 1 - (d[b.length] ?? 0) / Math.max(a.length, b.length, 1);
}

/** Undefined when `section` is a faithful label of a passage of `source`, else what is wrong. */
export function sectionProblem(section: string, source: string): string | undefined {
  const lines = source.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const whole = fold(source);
  // OCR (001) garbles letters: a heading matches a line that is nearly the same.
  const isLine = (heading: string): boolean =>
    lines.some((l) => {
      const a = fold(l);
      const b = fold(heading);
      return a === b || similarity(a, b) >= 0.85 || (l.startsWith(`${heading}:`) && b.length > 0);
    });
  // "Løsning: Ift. fagprincip 2: Rockerbandekriminalitet": a heading, then one below it.
  const isHeading = (label: string): boolean => {
    if (isLine(label)) return true;
    const at = label.indexOf(': ');
    return at > 0 && isLine(label.slice(0, at)) && isHeading(label.slice(at + 2));
  };
  for (const part of section.split('; ')) {
    const quoted = part.match(/^\(ingen overskrift: (.+)\)$/);
    if (quoted) {
      if (!whole.includes(fold(quoted[1] ?? ''))) return `"${quoted[1]}" is not in the document`;
    } else if (!isHeading(part)) return `"${part}" is not a heading of the document`;
  }
  return undefined;
}

/**
 * The share (0–1) of a text's content words (five letters or more) that its source
 * holds; OCR-garbled words count when a source word is nearly the same. A record that
 * says what its source says scores near 1; invented content pulls it down.
 */
export function sourcedShare(text: string, source: string): number {
  const words = (s: string) => fold(s).split(' ').filter((w) => w.length >= 5 && !/^\d+$/.test(w));
  // OCR (001) hyphenates at line ends: "Økonomi-\nudvalget".
  const have = new Set(words(source.replace(/-\n/g, '')));
  const pool = [...have];
  const asked = words(text);
  if (asked.length === 0) return 1;
  const found = asked.filter((w) => have.has(w) || pool.some((v) => Math.abs(v.length - w.length) <= 2 && similarity(v, w) >= 0.8));
  return found.length / asked.length;
}
