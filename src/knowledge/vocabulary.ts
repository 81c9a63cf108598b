// The vocabulary file (knowledge/vocabulary.yaml): what editors add so that the
// assistant understands more questions without a change of code. Synonyms,
// English terms of the field and their Danish counterparts, words that the
// stopword lists get wrong here, and questions written for a record.
import { z } from 'zod';

const Phrase = z.string().trim().min(1);
const Word = z.string().regex(/^[^\s]+$/, 'a single word without spaces');
const PerLanguage = z.strictObject({ da: z.array(Word).default([]), en: z.array(Word).default([]) }).default({ da: [], en: [] });

export const Vocabulary = z.strictObject({
  /** English word or phrase of the field → the Danish words the knowledge base uses for it. */
  english: z.record(Phrase, Phrase).default({}),
  /** Groups of words that mean the same here; a question with one finds records with any of them. */
  synonyms: z.array(z.array(Phrase).min(2, 'a group of at least two words')).default([]),
  /** Per language, words the stopword lists drop that carry meaning here ("ny" in "Ny Start", numbers). */
  keep: PerLanguage,
  /** Per language, words that carry no topic here, beyond the stopword lists ("fortæl", "tell"). */
  stopwords: PerLanguage,
  /** Questions editors write for a record (by its id), answered by that record. */
  questions: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        da: z.array(Phrase).default([]),
        en: z.array(Phrase).default([]),
      }),
    )
    .default([]),
});
export type Vocabulary = z.infer<typeof Vocabulary>;
