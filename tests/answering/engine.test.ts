import { createEngine, type ConversationState } from '../../src/answering/engine';
import type { Answer } from '../../src/answering/answer';
import { evalFold } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const TODAY = '2026-11-22';

/** All the text a person sees, folded like the evaluation folds it. */
function seen(a: Answer): string {
  return evalFold([a.title, a.text, ...a.facts.map((f) => `${f.label} ${f.value}`), ...a.warnings, ...a.citations.map((c) => `${c.title} ${c.date}`)].join('\n'));
}

function ask(text: string, state?: ConversationState, localeLang?: 'da' | 'en') {
  return engine.respond({ text, localeLang }, state, TODAY);
}

describe('figures come from the budget table', () => {
  it.each(kb.initiatives.map((i) => [i.name, i] as const))('%s: the amount of every year, or that there is none', (_name, i) => {
    for (const year of kb.budgetPackage.years) {
      const { answer, outcome } = ask(`Hvor meget får ${i.name} i ${year}?`);
      expect(outcome).toBe('answered');
      const amount = i.amounts[year];
      const text = seen(answer);
      if (amount !== undefined) expect(text).toContain(`${amount.toFixed(1)} mio. kr. i ${year}`);
      else expect(text).toContain(`ikke noget beloeb i ${year}`);
    }
  });

  it('gives the split between administrations from the footnote', () => {
    const { answer } = ask('hvordan fordeles pengene til radikaliseringsindsatsen');
    expect(seen(answer)).toMatch(/1\.9 mio\. kr\. til socialforvaltningen.*5\.0 mio\. kr\. til beskaeftigelses/);
  });

  it('says when a line has no split rather than inventing one', () => {
    expect(seen(ask('Hvordan er Sjakket fordelt mellem forvaltningerne?').answer)).toMatch(/fordeler ikke linjen/);
  });

  it('presents funding that has ended as ended', () => {
    const text = seen(ask('hvornår slutter finansieringen af den korte snor').answer);
    expect(text).toMatch(/udloeb med 2024/);
  });

  it('lists the lines that expire in a year with the stated total, and flags the inconsistent 2026 total', () => {
    const text = seen(ask('Hvilke indsatser udløber i 2026?').answer);
    expect(text).toMatch(/ny start/);
    expect(text).toMatch(/ssp\+/);
    expect(text).toMatch(/11\.4 mio\. kr\./);
    expect(text).toMatch(/rækkerne summer til 16\.7|raekkerne summer til 16\.7/);
  });
});

describe('understanding how people type', () => {
  it.each([
    ['without Danish letters', 'hvor meget far raadmandsgade', /4\.5/],
    ['a misspelt name', 'ragnildsgade', /ragnhildsgade/],
    ['a compound typed as two words', 'korte snor', /korte snor/],
    ['an inflected word', 'bandekriminaliteten', /bande/],
    ['upper case', 'EXIT KK', /exit kk/],
  ])('%s', (_what, question, expected) => {
    const r = ask(question);
    expect(r.outcome).toBe('answered');
    expect(seen(r.answer)).toMatch(expected);
  });
});

describe('confidence', () => {
  it.each(['Hvad bliver vejret i morgen?', 'Who won the football match yesterday?', 'Hvordan nulstiller jeg min adgangskode?', 'Bestil en pizza'])(
    'admits it does not know: %s',
    (question) => {
      const r = ask(question);
      expect(r.outcome).toBe('fallback');
      expect(seen(r.answer)).toMatch(/ved jeg desvaerre ikke|don't know/);
      expect(r.answer.followUps.length).toBeGreaterThan(0);
    },
  );

  it('cites the source and its date on every answer', () => {
    const { answer } = ask('Hvad er Exit KK?');
    expect(answer.citations[0]).toMatchObject({ file: expect.stringMatching(/^004_/), date: '1. marts 2023' });
  });

  it('warns that 2010 contact details may be out of date', () => {
    const { answer } = ask('Hvad er telefonnummeret til Center for Sikker By?');
    expect(seen(answer)).toMatch(/3366 2027/);
    expect(answer.warnings.join(' ')).toMatch(/forældede/);
  });

  it('does not present the newest source as the present', () => {
    const text = seen(ask('Hvad er den nuværende Sikker By strategi?').answer);
    expect(text).toMatch(/2022-2025/);
    expect(text).toMatch(/er slut/);
  });

  it('counts the grundprincipper without naming them', () => {
    const text = seen(ask('Hvilke grundprincipper har strategien?').answer);
    expect(text).toMatch(/to grundprincipper \(kilderne naevner ikke, hvilke\)/);
  });
});

describe('follow-up questions', () => {
  it('keeps the initiative and changes the year', () => {
    const first = ask('Hvor meget får ALL IN i 2024?');
    const next = ask('og i 2026?', first.state);
    expect(seen(next.answer)).toMatch(/all in har ikke noget beloeb i 2026/);
  });

  it('keeps the initiative and changes what is asked', () => {
    const first = ask('Hvad får SSP+ om året?');
    expect(seen(ask('og hvordan er det fordelt?', first.state).answer)).toMatch(/0\.7 mio\. kr\. til socialforvaltningen/);
  });

  it('answers a count about the principle just discussed', () => {
    const first = ask('Fortæl om fagprincippet om rocker- og bandekriminalitet');
    expect(seen(ask('hvor mange fokusområder har det?', first.state).answer)).toMatch(/tre \(3\) fokusomraader/);
  });
});

describe('language', () => {
  it('answers English in English', () => {
    const r = ask('How much does Sjakket get in 2025?');
    expect(r.answer.lang).toBe('en');
    expect(seen(r.answer)).toMatch(/dkk 0\.5 million in 2025/);
  });

  it('follows an English client locale when the text does not tell', () => {
    expect(ask('Sjakket', undefined, 'en').answer.lang).toBe('en');
  });

  it('answers Danish by default', () => {
    expect(ask('Sjakket').answer.lang).toBe('da');
  });

  it('finds Danish records with the English words of the field', () => {
    const coordinates = ask('Who coordinates Sikker By?');
    expect(coordinates.outcome).toBe('answered');
    expect(coordinates.answer.title).toBe('Team Sikker By');
    expect(ask('What does the steering group do?').answer.title).toMatch(/styregruppen/i);
    expect(seen(ask('What are the focus areas of the gang crime principle?').answer)).toMatch(/rocker- og bandekriminalitet.*recruited/);
  });

  it('leaves Danish words that look English alone ("første gang" is not a gang)', () => {
    expect(ask('Hvornår fik ekstremisme for første gang sit eget fagprincip?').answer.text).not.toMatch(/bande/i);
  });

  it('reads "start" as a verb only where it is one', () => {
    expect(seen(ask('When did Sikker By start?').answer)).toMatch(/2010/);
    expect(seen(ask('How much does Ny Start receive in 2026?').answer)).toMatch(/6\.8/);
  });
});

describe('whom to contact about a topic', () => {
  it('names the administrations of an initiative and the coordinating team, without inventing contact details', () => {
    const { answer } = ask('Who should I contact about SSP+?');
    expect(answer.title).toBe('Whom to contact about SSP+');
    expect(answer.text).toMatch(/the Social Services Administration \(Socialforvaltningen\) and the Employment and Integration Administration \(Beskæftigelses- og Integrationsforvaltningen\)/);
    expect(answer.text).toMatch(/Team Sikker By/);
    expect(answer.text).toMatch(/no contact details/);
    expect(answer.facts).toEqual([]);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('takes a principle from a focus area and answers in Danish', () => {
    const { answer } = ask('Hvem skal jeg kontakte om bandekriminalitet?');
    expect(answer.lang).toBe('da');
    expect(answer.title).toMatch(/^Kontakt om .*bandekriminalitet/i);
  });

  it('still gives a unit its own contact details', () => {
    const { answer } = ask('Hvad er e-mailadressen til Center for Sikker By?');
    expect(answer.facts.map((f) => f.value)).toContain('id@okf.kk.dk');
  });
});

describe('deadlines', () => {
  it('lists the next deadlines from today, marked as configured dates', () => {
    const { answer } = ask('Hvornår er næste frist?');
    expect(answer.facts.length).toBeGreaterThan(0);
    expect(seen(answer)).toMatch(/31\. december 2026/);
    expect(seen(answer)).toMatch(/konfigurerede frister/);
  });
});

describe('answers of the kind asked for', () => {
  it('answers a comparison with the sentence that sets the two against each other', () => {
    const { answer, outcome } = ask('Sammenlign SSP og Sikker By');
    expect(outcome).toBe('answered');
    expect(seen(answer)).toMatch(/operative/);
  });

  it('answers a why-question with a sentence that gives the reason', () => {
    expect(seen(ask('Hvorfor har det været vanskeligt at opstille fælles indikatorer på tværs?').answer)).toMatch(/forskellige/);
  });

  it('answers "hvilket …" with what holds that thing, quoting the source where a record leaves it out', () => {
    const { answer } = ask('Hvilket punkt på dagsordenen behandlede indstillingen?');
    expect(seen(answer)).toMatch(/punkt 6/);
    expect(seen(ask('Hvilken budgetaftale hører SSP+ under?').answer)).toMatch(/budgetaftale 2023/);
  });

  it('answers "hvad hed …" with the name', () => {
    expect(seen(ask('Hvad hed den satspulje, centret søgte?').answer)).toMatch(/helhedsorienteret gadeplansindsats/);
  });

  it('answers a question about a topic of the mid-term status about that topic, not with the whole status', () => {
    expect(seen(ask('Hvad siger midtvejsstatus om Barnets lov?').answer)).toMatch(/beredskabsplan/);
  });

  it('ranks the budget lines for a superlative question', () => {
    const biggest = [...kb.initiatives].sort((a, b) => Math.max(...Object.values(b.amounts)) - Math.max(...Object.values(a.amounts)))[0]!;
    const { answer } = ask('Hvilken indsats får flest penge?');
    expect(answer.text.split('\n')[0]).toContain(biggest.name);
  });

  it('answers a question about the current strategy from the latest one, and only "which strategy applies" with the current card', () => {
    const { answer } = ask('Hvilke fagprincipper har den nuværende strategi?');
    expect(seen(answer)).toMatch(/natteliv/);
  });

  it('reads "the case number of" as a number, not as "how many"', () => {
    expect(seen(ask('What is the case number of the 2010 note to the Finance Committee?', undefined, 'en').answer)).toMatch(/2010-19986/);
  });

  it('gives the weekday of a dated event, worked out from its date', () => {
    expect(seen(ask('Hvilken ugedag orienteredes Socialudvalget om strategien?').answer)).toMatch(/ugedag onsdag/);
  });

  it("gives an administration's share when the question names one the footnote splits to", () => {
    expect(seen(ask('Hvor meget får SOF af SSP+ midlerne?').answer)).toMatch(/0\.7 mio\. kr\. til socialforvaltningen/);
  });
});
