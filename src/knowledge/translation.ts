// A record's prose in the reader's language. The knowledge base is Danish; a
// record may carry faithful English translations of its prose fields in `en`,
// under the same field names. The Danish stays the authority: the caller says
// so when it shows a translation, and says that a text is only in Danish when
// no translation exists.

type Prose = string | readonly string[];

/** What `prose` gives back: the text, and whether it is an English translation of the Danish. */
export interface LocalText<T extends Prose = string> {
  readonly text: T;
  /** true: `text` is the record's English translation; false: it is the Danish original. */
  readonly translated: boolean;
}

type WithEn = { readonly en?: Readonly<Record<string, Prose | undefined>> | undefined };

/**
 * The record's `field` in `lang`: the English translation where one exists and English
 * is asked for, else the Danish. Undefined when the record has no such text.
 */
export function prose<R extends WithEn, K extends keyof R & string>(
  record: R,
  field: K,
  lang: 'da' | 'en',
): LocalText<Extract<NonNullable<R[K]>, Prose>> | undefined {
  const danish = record[field] as Extract<NonNullable<R[K]>, Prose> | undefined;
  if (danish === undefined) return undefined;
  const english = lang === 'en' ? (record.en?.[field] as Extract<NonNullable<R[K]>, Prose> | undefined) : undefined;
  return english !== undefined ? { text: english, translated: true } : { text: danish, translated: false };
}

/**
 * An organisation's name for a sentence in `lang`: the Danish official name, or in English
 * the translated name with the official one beside it ("the Finance Administration
 * (Økonomiforvaltningen)"), so the reader can still find the body by its real name.
 */
export function organisationName(o: { readonly name: string; readonly en?: { readonly name?: string | undefined } | undefined }, lang: 'da' | 'en'): string {
  return localName(o.name, o.en?.name, lang);
}

/** A Danish name for a sentence in `lang`: in English its translation with the Danish beside it, so the reader can still find it by its real name. */
export function localName(danish: string, english: string | undefined, lang: 'da' | 'en'): string {
  return lang === 'en' && english && english !== danish ? `${english} (${danish})` : danish;
}
