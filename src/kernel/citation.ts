// Where a statement comes from, as the reader sees it: every answer, tour step,
// quiz question and reminder card names its source and how old that source is.
import { ageInYears } from '../knowledge/currency';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Citation as SourceRef } from '../knowledge/schema';
import { date } from './format';
import type { Lang } from './lang';

export interface Citation {
  readonly title: string;
  readonly file: string;
  /** The source's date as Danish or English text, e.g. "1. marts 2023". */
  readonly date: string;
  /** Set when the source is old enough that the reader should check that it still holds. */
  readonly ageWarning?: string;
}

/** Sources older than this many years get a warning next to the citation. */
export const OLD_SOURCE_YEARS = 5;

export interface CitationContext {
  readonly kb: KnowledgeBase;
  readonly lang: Lang;
  /** Today's local date, YYYY-MM-DD. */
  readonly today: string;
}

/** One citation per distinct source of `refs`, in their order; unknown sources are left out. */
export function cite({ kb, lang, today }: CitationContext, refs: readonly SourceRef[]): Citation[] {
  const ids = [...new Set(refs.map((r) => r.source))];
  return ids.flatMap((id) => {
    const s = kb.sources.find((x) => x.id === id);
    if (!s) return [];
    const age = ageInYears(s.date, today);
    const ageWarning =
      age >= OLD_SOURCE_YEARS
        ? lang === 'da'
          ? `Kilden er ${age} år gammel; oplysningerne kan være forældede.`
          : `The source is ${age} years old; the information may be out of date.`
        : undefined;
    // An undated document says so; its age is counted from the date inferred from its content.
    const when = s.undated
      ? lang === 'da'
        ? `udateret (ud fra indholdet: ${date(s.date, 'da')})`
        : `undated (from its content: ${date(s.date, 'en')})`
      : date(s.date, lang);
    return [{ title: s.title, file: s.file, date: when, ...(ageWarning ? { ageWarning } : {}) }];
  });
}
