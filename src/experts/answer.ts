// An approved expert answer as the assistant gives it: found by its question
// and the other ways of asking it, and cited as Team Sikker By's, with the
// answer's date and who approved it (it has no source document). (Another way
// of asking for an existing record is one of that record's editor questions:
// registry.ts.) Pure.
import type { Answer } from '../answering/answer';
import { finish, type ComposeContext } from '../answering/compose';
import type { RecordKind } from '../answering/registry';
import { inert, personText } from '../cards/safe-text';
import { date } from '../kernel/format';
import type { ExpertAnswer } from '../knowledge/schema';

/** Expert answers as a record type of the answering registry (src/answering/registry.ts): found by their questions. */
export const expertAnswerKind: RecordKind = {
  type: 'expertAnswer',
  provides: [],
  entries: (kb) => kb.expertAnswers.map((e) => ({ id: e.id, type: 'expertAnswer', names: [], text: [e.answer], questions: [e.question, ...e.alternates] })),
  compose(ctx, id) {
    const e = ctx.kb.expertAnswers.find((x) => x.id === id);
    return e && expertAnswer(ctx, e);
  },
  label: (kb, id) => kb.expertAnswers.find((x) => x.id === id)?.question,
};

/** "Svar fra Team Sikker By, 1. december 2026, godkendt af Anne Juhl". */
function expertCitation(e: ExpertAnswer, lang: 'da' | 'en'): { title: string; file: string; date: string } {
  return lang === 'da'
    ? { title: 'Svar fra Team Sikker By', file: 'expert-answers.yaml', date: `${date(e.answered, 'da')}, godkendt af ${e.approvedBy}` }
    : { title: 'Answer from Team Sikker By', file: 'expert-answers.yaml', date: `${date(e.answered, 'en')}, approved by ${e.approvedBy}` };
}

function expertAnswer(ctx: ComposeContext, e: ExpertAnswer): Answer {
  const translated = e.lang !== ctx.lang;
  return finish(ctx, {
    // The card escapes the title's markdown itself.
    title: inert(e.question),
    // The expert's words as written: nothing in them is read as markdown or becomes a link.
    text: personText(e.answer),
    warnings: translated
      ? [ctx.lang === 'en' ? 'Team Sikker By gave this answer in Danish.' : 'Team Sikker By gav dette svar på engelsk.']
      : [],
    citations: [expertCitation(e, ctx.lang)],
  });
}
