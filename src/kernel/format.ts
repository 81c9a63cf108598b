// Numbers, money and dates written the way a Danish or English reader expects.
import { cardText } from '../cards/safe-text';
import type { Lang } from './lang';

const MONTHS: Record<Lang, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** 6.8 → "6,8" (Danish) or "6.8"; one decimal, as in the budget table. */
export function decimal(n: number, lang: Lang): string {
  const s = n.toFixed(1);
  return lang === 'da' ? s.replace('.', ',') : s;
}

/** 6.8 → "6,8 mio. kr." or "DKK 6.8 million". */
export function money(n: number, lang: Lang): string {
  return lang === 'da' ? `${decimal(n, lang)} mio. kr.` : `DKK ${decimal(n, lang)} million`;
}

/** A partial date as precise as it is: "1. marts 2023", "februar 2010", "2024" (English: "1 March 2023"). */
export function date(partial: string, lang: Lang): string {
  const [y, m, d] = partial.split('-');
  const month = m ? MONTHS[lang][Number(m) - 1] : undefined;
  if (d && month) return lang === 'da' ? `${Number(d)}. ${month} ${y}` : `${Number(d)} ${month} ${y}`;
  if (month) return `${month} ${y}`;
  return y ?? partial;
}

/** "a, b og c" / "a, b and c". */
export function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? '';
  const and = lang === 'da' ? 'og' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** Plain-text items as a markdown list; each item is escaped, so "3. november 2022: …" stays one item. */
export function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${cardText(i)}`).join('\n');
}

/** Danish number words for small counts, as people write them ("tre fokusområder"). */
export function countWord(n: number, lang: Lang): string {
  const da = ['nul', 'et', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni', 'ti'];
  const en = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  return (lang === 'da' ? da : en)[n] ?? String(n);
}
