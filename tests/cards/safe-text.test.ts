// The card-text escaping every card uses (src/cards/safe-text.ts): what each
// piece of markdown syntax becomes, and that nothing else changes. The browser
// test of the Agents Playground (tests/playground/web-page.test.ts) shows the
// result in a real markdown renderer.
import { cardText, inert, personText } from '../../src/cards/safe-text';
import { plainCardText } from '../../src/chat/card-text';
import { bullets } from '../../src/kernel/format';

// A list marker's space becomes a no-break space (renders as a space, starts no list).
const nb = '\u00A0';

describe('cardText', () => {
  it.each([
    ['a date after a bullet stays text, not a nested ordered list', '- 3. november 2022', `-${nb}3. november 2022`],
    ['an ordered-list start', '3. november 2022: godkendt', `3.${nb}november 2022: godkendt`],
    ['an ordered-list start with a parenthesis', '2) anden del', `2)${nb}anden del`],
    ['a number alone on its line', '2025.', '2025\\.'],
    ['a dash that starts no list stays as it is', '-5 % i 2024', '-5 % i 2024'],
    ['a bullet with +', '+ plus', `+${nb}plus`],
    ['a bullet with *', '* stjerne', '\\* stjerne'],
    ['a heading', '# Overskrift', `#${nb}Overskrift`],
    ['a quote', '> citat', '\\> citat'],
    ['a setext underline', '===', '\\===' ],
    ['a thematic break', '---', '\\---'],
    ['bold', 'fodnote ** til 2023', 'fodnote \\*\\* til 2023'],
    ['emphasis with underscores', '004_807d_x.txt', '004\\_807d\\_x.txt'],
    ['a markdown link', '[Klik her](https://example.org)', '\\[Klik her\\](https://example.org)'],
    ['an image', '![x](y.png)', '!\\[x\\](y.png)'],
    ['an autolink and HTML', '<https://x.dk> <b>fed</b>', '\\<https://x.dk\\> \\<b\\>fed\\</b\\>'],
    ['a code span', '`kode`', '\\`kode\\`'],
    ['strikethrough', '~~væk~~', '\\~\\~væk\\~\\~'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['a backslash', 'C:\\sti', 'C:\\\\sti'],
    ['an entity', 'R&amp;D &#42;', 'R\\&amp;D \\&#42;'],
    ['indentation that would make a code block', '    kode', 'kode'],
  ])('%s', (_what, input, expected) => {
    expect(cardText(input)).toBe(expected);
  });

  it('leaves ordinary Danish prose, numbers in a sentence and ampersands alone', () => {
    const prose = 'Borgerrepræsentationen godkendte den 3. november 2022 strategien (2022-2025) for 6,8 mio. kr. & mere.';
    expect(cardText(prose)).toBe(prose);
    expect(cardText('')).toBe('');
  });

  it('escapes the start of every line, not only the first', () => {
    expect(cardText('Beslutninger:\n- 3. november 2022\n1. marts 2023')).toBe(`Beslutninger:\n-${nb}3. november 2022\n1.${nb}marts 2023`);
  });

  it('keeps addresses whole: a contact e-mail address can be copied', () => {
    expect(cardText('id@okf.kk.dk, www.kk.dk')).toBe('id@okf.kk.dk, www.kk.dk');
  });

  it('reads back as the text it was (the terminal chat unescapes it)', () => {
    for (const s of ['- 3. november 2022', 'fodnote ** til', '[a](b) <c> `d` ~e~ | f \\ g', '# h\n> i\n2) j', 'R&amp;D']) {
      expect(plainCardText(cardText(s))).toBe(s);
    }
  });
});

describe('bullets', () => {
  it('makes each plain-text item one list item, whatever it starts with', () => {
    expect(bullets(['3. november 2022: Borgerrepræsentationen – godkendt', '- allerede en streg', 'Exit KK: **4,2**'])).toBe(
      `- 3.${nb}november 2022: Borgerrepræsentationen – godkendt\n- -${nb}allerede en streg\n- Exit KK: \\*\\*4,2\\*\\*`,
    );
  });
});

describe('personText', () => {
  it('breaks links, addresses, mentions and template expressions, and escapes markdown', () => {
    const zw = '\u200B';
    expect(personText('[Anna](https://evil.example)')).toBe(`\\[Anna\\](https:${zw}//evil.example)`);
    expect(personText('anna@kk.dk')).toBe(`anna@${zw}kk.dk`);
    expect(personText('www.kk.dk')).toBe(`www${zw}.kk.dk`);
    expect(personText('<at>Bot</at>')).toBe(`\\<${zw}at\\>Bot\\<${zw}/at\\>`);
    expect(personText('${user.secret}')).toBe(`$${zw}{user.secret}`);
    expect(personText('mailto:x')).toBe(`mailto${zw}:x`);
    expect(personText('- 1. Anna')).toBe(`-${nb}1. Anna`);
  });

  it('leaves an ordinary name as it is', () => {
    expect(personText('Anne-Mette Sørensen (ØKF)')).toBe('Anne-Mette Sørensen (ØKF)');
  });
});

describe('inert', () => {
  it('breaks links but escapes no markdown (for TextRuns)', () => {
    expect(inert('**a** https://b')).toBe('**a** https:\u200B//b');
  });
});

describe('cardText on lines with nothing to escape', () => {
  // Every line goes through all the replacements when it has something they could change; the
  // others are left as they are. Random lines over the characters that matter must come out as
  // if every line had gone through them all.
  const everyReplacement = (line: string) =>
    line
      .replace(/^[ \t]+/, '')
      .replace(/[\\`*_[\]<>~|]/g, '\\$&')
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
      .replace(/^([#+-]|\d{1,9}[.)])[ \t]/, '$1\u00A0')
      .replace(/^([#=+-])(?=[#=+-]*[ \t]*$)/, '\\$1')
      .replace(/^(\d{1,9})([.)])$/, '$1\\$2');
  it('gives what every replacement gives, for random lines', () => {
    const alphabet = ['a', 'Æ', ' ', '\t', '#', '=', '+', '-', '1', '2', '.', ')', '*', '_', '&', ';', 'x', '[', '<', '|', '~', '`', '\\', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
      expect(cardText(lines.join('\n'))).toBe(lines.map(everyReplacement).join('\n'));
    }
  });
});
