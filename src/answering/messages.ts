// The assistant's fixed messages: welcome/help, "I don't know", "Mente du …?".
import type { Lang } from '../kernel/lang';
import type { Answer } from './answer';
import { finish, type ComposeContext } from './compose';

const EXAMPLES: Record<Lang, string[]> = {
  da: ['Hvilke fagprincipper er der i Sikker By?', 'Hvor meget får Exit KK i 2024?', 'Hvornår er næste frist?', 'Hvem samarbejder i Sikker By?'],
  en: ['What are the subject principles?', 'How much does Exit KK receive in 2024?', 'When is the next deadline?', 'Who cooperates in Sikker By?'],
};

export function helpAnswer(lang: Lang): Answer {
  const da = lang === 'da';
  const text = da
    ? 'Jeg svarer på spørgsmål om Københavns Kommunes Sikker By-samarbejde ud fra kommunens egne dokumenter, og jeg viser altid kilden.\n\n' +
      '- Strategiens principper og fokusområder\n- Indsatserne i Sikker By-budgetpakken: beløb pr. år, fordeling og udløb\n' +
      '- Organisering, kontakter og historik\n- Frister for afrapportering\n\nSkriv dit spørgsmål på dansk eller engelsk, eller prøv et af eksemplerne.'
    : 'I answer questions about the City of Copenhagen\'s Sikker By cooperation from the municipality\'s own documents, and I always show the source.\n\n' +
      '- The strategy\'s principles and focus areas\n- The initiatives of the Sikker By budget package: amounts per year, split and expiry\n' +
      '- Organisation, contacts and history\n- Reporting deadlines\n\nAsk in Danish or English, or try one of the examples.';
  return {
    kind: 'help',
    lang,
    title: da ? 'Velkommen til Sikker By-assistenten' : 'Welcome to the Sikker By assistant',
    text,
    facts: [],
    warnings: [],
    citations: [],
    followUps: EXAMPLES[lang],
    suggestions: [],
    summary: da ? 'Sikker By-assistenten: spørg om strategi, indsatser, kontakter og frister.' : 'The Sikker By assistant: ask about the strategy, initiatives, contacts and deadlines.',
  };
}

export function fallbackAnswer(lang: Lang): Answer {
  const da = lang === 'da';
  return {
    kind: 'fallback',
    lang,
    title: da ? 'Det ved jeg ikke' : "I don't know that",
    text: da
      ? 'Det ved jeg desværre ikke. Jeg kan kun svare på spørgsmål om Sikker By-strategien, dens indsatser, organisering og frister, og jeg fandt ikke noget svar i kilderne.\n\nKontakt Team Sikker By i Økonomiforvaltningen, som koordinerer Sikker By-samarbejdet.'
      : "I don't know that, I'm afraid. I can only answer questions about the Sikker By strategy, its initiatives, organisation and deadlines, and I could not find an answer in the sources.\n\nContact Team Sikker By in the Finance Administration, which coordinates the Sikker By cooperation.",
    facts: [],
    warnings: [],
    citations: [],
    followUps: EXAMPLES[lang].slice(0, 2),
    suggestions: [],
    summary: da ? 'Det ved jeg ikke. Kontakt Team Sikker By.' : "I don't know that. Contact Team Sikker By.",
  };
}

export function suggestionsAnswer(ctx: ComposeContext, suggestions: { label: string; question: string }[]): Answer {
  const da = ctx.lang === 'da';
  return {
    ...finish(ctx, {
      title: da ? 'Mente du …?' : 'Did you mean …?',
      text: da
        ? 'Jeg er ikke sikker på, hvad du spørger om. Mente du et af disse?'
        : "I'm not sure what you are asking about. Did you mean one of these?",
    }),
    kind: 'suggestions',
    suggestions,
  };
}
