// The understanding layer: text analysis (analyze.ts) and what a question asks (understand.ts).
import { createAnalyzer } from '../../src/answering/analyze';
import { holdsOf, sentencesOf } from '../../src/answering/passages';
import { understand } from '../../src/answering/understand';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const analyzer = createAnalyzer(kb.vocabulary, [...kb.principles.map((p) => p.title), ...Object.values(kb.sourceTexts)]);

describe('analysis', () => {
  it('meets the three ways of typing a Danish letter and the inflections of a word', () => {
    const stem = (w: string) => analyzer.terms(analyzer.words(w)[0] ?? '').stem;
    expect(stem('fokusområderne')).toBe(stem('fokusomraader'));
    expect(stem('fokusomrader')).toBe(stem('fokusområdet'));
    expect(stem('udløber')).toBe(stem('udlober'));
    expect(stem('koordinerer')).toBe(stem('koordinere'));
  });

  it('splits a compound into parts the knowledge base uses, and leaves a plain word whole', () => {
    expect(analyzer.terms('nattelivsprincippet').parts).toEqual(expect.arrayContaining([analyzer.terms('natteliv').stem, analyzer.terms('princippet').stem]));
    expect(analyzer.terms('ekstremisme').parts).toEqual([]);
  });

  it('maps synonyms from the vocabulary file to one term', () => {
    expect(analyzer.terms('koordinator').stem).toBe(analyzer.terms('koordinering').stem);
    expect(analyzer.terms('sagsnummer').stem).toBe(analyzer.terms('sagsnr').stem);
  });

  it('puts English terms of the field into Danish, and only for English', () => {
    expect(analyzer.words('the steering group', 'en')).toContain('styregruppen');
    expect(analyzer.words('første gang', 'da')).toEqual(['forste', 'gang']);
  });

  it('keeps the English words each word of an English text stands for', () => {
    expect(analyzer.glossed('Who chaired the steering group?', 'en').map((g) => [g.word, g.english.join(' ')])).toEqual([
      ['who', 'who'],
      ['chaired', 'chaired'],
      ['the', 'the'],
      ['styregruppen', 'steering group'],
    ]);
    expect(analyzer.glossed('Hvem er formand?').every((g) => g.english.length === 0)).toBe(true);
    expect(analyzer.englishTerm('chaired')).toBe(analyzer.englishTerm('chair'));
    expect(analyzer.englishTerm('the')).toBeUndefined();
  });

  it('drops stopwords but keeps the words that carry meaning here', () => {
    expect(analyzer.isStopword('hvad')).toBe(true);
    expect(analyzer.isStopword('ny')).toBe(false);
    expect(analyzer.isStopword('tre')).toBe(false);
    expect(analyzer.isStopword('police', 'en')).toBe(false);
    expect(analyzer.isStopword('the', 'en')).toBe(true);
  });
});

describe('what a question asks', () => {
  const u = (q: string, lang: 'da' | 'en' = 'da') => understand(q, lang, analyzer);

  it('takes the question words out of the topic and keeps them as intents and answer types', () => {
    const q = u('Hvor meget får Exit KK i 2024?');
    expect([...q.intents]).toContain('amount');
    expect([...q.answerTypes]).toContain('amount');
    expect(q.content).toEqual(['exit', 'kk']);
    expect(q.years).toEqual(['2024']);
  });

  it('reads a range of years written short as its full years, and a wording word as frame', () => {
    expect(u('I strategien 2018-21, hvad lød princippet om bander?').years).toEqual(['2018', '2021']);
    expect(u('strategien 2022–25').years).toEqual(['2022', '2025']);
    // (Not a range: the end before the start, or a decimal.)
    expect(u('i 2019-08').years).toEqual(['2019']);
    expect(u('Hvad lød princippet om bander?').content).toEqual(['bander']);
    expect(u('What is the exact wording of the nightlife principle?', 'en').content).toEqual(['natteliv']);
  });

  it('tells the answer type from the question word', () => {
    expect([...u('Hvem deltog fra Økonomiforvaltningen?').answerTypes]).toContain('person');
    expect([...u('Hvilke dage arbejdede de i centret?').answerTypes]).toContain('weekday');
    expect([...u('Hvornår blev centret etableret?').answerTypes]).toContain('date');
    expect([...u('Hvor blev mødet holdt?').answerTypes]).toContain('place');
    expect([...u('Hvor mange fokusområder er der?').answerTypes]).not.toContain('place');
  });

  it('finds a question elliptic only when it has no topic of its own', () => {
    expect(u('og i 2026?').elliptic).toBe(true);
    expect(u('hvornår udløber den?').elliptic).toBe(true);
    expect(u('and when does it end?', 'en').elliptic).toBe(true);
    expect(u('Hvilke indsatser udløber i 2025?').elliptic).toBe(false);
    expect(u('Hvad er hovedstaden i Frankrig?').elliptic).toBe(false);
    expect(u('Hvem er Per Larsen?').elliptic).toBe(false);
  });

  it('splits a compound it does not know into its topic and the question word it holds', () => {
    const knows = (w: string) => w !== 'radikaliseringsmidlerne';
    const q = understand('Hvordan er radikaliseringsmidlerne fordelt?', 'da', analyzer, knows);
    expect(q.content).toEqual(['radikalisering']);
    expect([...q.intents]).toEqual(expect.arrayContaining(['amount', 'split']));
    // A compound the knowledge base knows as it is stays whole.
    expect(understand('Hvordan er radikaliseringsmidlerne fordelt?', 'da', analyzer, () => true).content).toEqual(['radikaliseringsmidlerne']);
  });

  it('reads verbs of beginning and of naming as question words, not as the topic', () => {
    const q = u('Hvad var klokken, da Socialudvalgets møde begyndte?');
    expect(q.content).not.toContain('begyndte');
    expect([...q.answerTypes]).toContain('time');
    expect(u('Hvad hed satspuljen?').content).toEqual(['satspuljen']);
    expect([...u('Jeg er lige startet her').intents]).toContain('newcomer');
  });

  it('reads "IT" in capitals as the word, not the pronoun "it"', () => {
    const q = u('Who do I contact about IT support?', 'en');
    expect(q.content).toContain('informationsteknologi');
    expect(q.refersBack).toBe(false);
    expect(u('Hvem står for IT-support?').content).toContain('informationsteknologi');
    // The pronoun, typed in lower case or opening the question, stays the pronoun.
    expect(u('and when does it end?', 'en').refersBack).toBe(true);
    expect(u('It ends when?', 'en').content).not.toContain('informationsteknologi');
  });

  it('reads a "who" question\'s word for a post as the role whose holder is asked for', () => {
    expect(u('Hvem er direktør i Socialforvaltningen?').role).toBe('direktor');
    expect(u('Hvem er politichef i Københavns Politi?').role).toBe('politichef');
    expect(u('Who is the mayor of Copenhagen?', 'en').role).toBeDefined();
    expect(u('Hvem er Per Larsen?').role).toBeUndefined();
    // Not a "who" question: no holder is asked for.
    expect(u('Hvad laver direktøren?').role).toBeUndefined();
  });

  it('reads "den gamle strategi" as the earlier strategy named without its years, and keeps the noun as a topic', () => {
    const old = understand('Hvad sagde den gamle strategi om børn og unge?', 'da', analyzer);
    expect(old.earlier).toBe(true);
    expect(old.content).toEqual(expect.arrayContaining(['strategi', 'unge']));
    expect(old.content).not.toContain('gamle');
    expect(understand('Which principle of the old strategy was about gangs?', 'en', analyzer).earlier).toBe(true);
    // "den forrige strategi" steps from the previous answer; "tidligere" alone is no strategy.
    expect(understand('og den forrige strategi?', 'da', analyzer).earlier).toBe(false);
    expect(understand('Hvad skete der tidligere?', 'da', analyzer).earlier).toBe(false);
    expect(understand('Hvad sagde strategien om børn og unge?', 'da', analyzer).earlier).toBe(false);
  });

  it('takes the number that counts the class asked for out of the topic, not a number said of it', () => {
    expect(understand('Hvilket af de fem fagprincipper handler om bander?', 'da', analyzer).content).not.toContain('fem');
    expect(understand('Hvilke to nye fokusområder er foreslået?', 'da', analyzer).content).not.toContain('to');
    expect(understand('Hvilke fagprincipper har tre fokusområder?', 'da', analyzer).content).toContain('tre');
  });

  it('asks for a reason or a contrast with "hvorfor" and "forskellen"', () => {
    expect([...u('Hvorfor blev migranter foreslået?').answerTypes]).toContain('reason');
    expect([...u('Hvad er forskellen på Sikker By og SSP?').answerTypes]).toContain('contrast');
  });

  it('takes the noun after "hvilket" or a naming verb as the thing the answer must show', () => {
    const q = u('Hvilket prisniveau er beløbene opgjort i?');
    expect(q.focus).toBe('prisniveau');
    // The noun asked for decides the answer's type: this asks for no amount.
    expect([...q.answerTypes]).not.toContain('amount');
    expect(u('Hvad hed satspuljen?').focus).toBe('satspuljen');
    expect([...u('Hvad hed satspuljen?').answerTypes]).toEqual(['name']);
    expect(u('Hvilke indsatser udløber i 2025?').focus).toBeUndefined();
  });

  it('drops a content word that only repeats the end of a question word', () => {
    // "status" repeats the end of "midtvejsstatus"; the mid-term status itself is a record, so its word stays a topic.
    expect(u('Hvad er status for børn og unge ved midtvejsstatus?').content).toEqual(['born', 'unge', 'midtvejsstatus']);
  });

  it('reads an ordinal or a number beside a class noun as the position asked for', () => {
    expect(u('Hvad er det andet fokusområde under natteliv?').ordinal).toMatchObject({ n: 2, of: 'focusArea', alone: false });
    expect(u('nattelivsprincippets tredje fokusområde').ordinal).toMatchObject({ n: 3, of: 'focusArea' });
    expect(u('What does the third principle say?', 'en').ordinal).toMatchObject({ n: 3, of: 'principle' });
    expect(u('Hvad er første grundprincip?').ordinal).toMatchObject({ n: 1, of: 'principle' });
    expect(u('Hvad er fagprincip 4?').ordinal).toMatchObject({ n: 4, of: 'principle' });
    // "nummer fire" names a position: the question asks for no number.
    const q = u('Hvilket fagprincip er nummer fire?');
    expect(q.ordinal).toMatchObject({ n: 4, of: 'principle' });
    expect([...q.answerTypes]).not.toContain('number');
    // An ordinal alone asks for the position in what the conversation is about.
    expect(u('og det tredje?').ordinal).toEqual({ n: 3, alone: true });
    expect(u('hvad er det andet fokusområde?').ordinal).toEqual({ n: 2, of: 'focusArea', alone: true });
    // The ordinal word is the position, not a topic word.
    expect(u('det andet fokusområde under natteliv').content).not.toContain('andet');
    // "et andet fokusområde" is another one, and "første gang" names no position.
    expect(u('Er der et andet fokusområde om natteliv?').ordinal).toBeUndefined();
    expect(u('Hvornår blev ekstremisme første gang en del af strategien?').ordinal).toBeUndefined();
  });

  it('reads "start" as a verb only at the end of an English did-question', () => {
    expect(u('When did Sikker By start?', 'en').content).not.toContain('start');
    expect(u('How much does Ny Start get?', 'en').content).toContain('start');
  });

  it('reads the kind of principle asked for in Danish and English, and names no topic by it', () => {
    expect(u('Hvilket fagprincip handler om natteliv?').principleKind).toBe('fagprincip');
    expect(u('Which subject principle deals with nightlife?', 'en').principleKind).toBe('fagprincip');
    expect(u('Which subject principle deals with nightlife?', 'en').content).not.toContain('subject');
    expect(u('What are the basic principles?', 'en').principleKind).toBe('grundprincip');
    expect(u('What does the appendix to the 2018-2021 strategy say?', 'en').principleKind).toBe('appendiks');
    expect(u('Which principle is about nightlife?', 'en').principleKind).toBeUndefined();
  });

  it('reads English question words of one language only in that language', () => {
    const held = u('Why did the committee hold a theme day?', 'en');
    expect(held.content).not.toContain('hold');
    expect([...u('Who is in charge of SSP+?', 'en').answerTypes]).toEqual(['person']);
    expect(u('What is Ny Start supposed to do?', 'en').content).toEqual(['ny', 'start']);
    expect(u('Which principle deals with nightlife?', 'en').content).not.toContain('deals');
    // In a Danish question "hold" is a team and "chair" no question word: they stay topic words.
    expect(u('Hvilket hold spillede?').content).toContain('hold');
    // "What did it lead to?" asks for an outcome, not for who led.
    expect(u('What did the project council lead to?', 'en').intents.has('who')).toBe(false);
  });
});

describe('sentences of a source', () => {
  it('keeps a label with its value and does not end a sentence at an abbreviation', () => {
    const s = sentencesOf('Sagsnr.\n\n2010-19986\n\nDet skete d. 12. januar 2010 på mødet. Her er næste sætning.');
    expect(s).toEqual(['Sagsnr. 2010-19986', 'Det skete d. 12. januar 2010 på mødet.', 'Her er næste sætning.']);
  });

  it('joins words hyphenated across lines', () => {
    expect(sentencesOf('Det fremgår af strate-\ngien, at der laves en status.')).toEqual(['Det fremgår af strategien, at der laves en status.']);
  });

  it('tells a sentence that gives a reason or sets two things against each other', () => {
    expect([...holdsOf('Det har vist sig vanskeligt, da indsatserne er meget forskellige.', [])]).toContain('reason');
    expect([...holdsOf('Hvor Sikker By skal sikre den strategiske sammenhæng, er SSP hjørnestenen i det daglige.', [])]).toContain('contrast');
    expect([...holdsOf('Centret er forankret i Økonomiforvaltningen.', [])]).not.toEqual(expect.arrayContaining(['reason']));
  });
});

describe('requests and counts', () => {
  const u = (text: string, lang: 'da' | 'en' = 'da') => understand(text, lang, analyzer);

  it('sees a request to act or to judge, and not a request to tell', () => {
    expect(u('Kan du reservere et lokale?').request).toBe(true);
    expect(u('Could you print the strategy?', 'en').request).toBe(true);
    expect(u('Hvilket værtshus er bedst?').request).toBe(true);
    expect(u('Hvad mener du om budgetpakken?').request).toBe(true);
    expect(u('Kan du fortælle mig om Sjakket?').request).toBe(false);
    expect(u('Can you explain the gang principle?', 'en').request).toBe(false);
    expect(u('Hvad er den bedste måde at kontakte styregruppen?').request).toBe(false);
    expect(u('Hvilke anbefalinger gav kortlægningen?').request).toBe(false);
    expect(u('Hvad anbefalede forvaltningen udvalget?').request).toBe(false);
    expect(u('Hvad anbefaler du?').request).toBe(true);
  });

  it('takes a request to tell out of the topic', () => {
    expect(u('Kan du forklare, hvad Sjakket er?').content).toEqual(['sjakket']);
    expect(u('Could you tell me about Sjakket?', 'en').content).toEqual(['sjakket']);
  });

  it('knows what a how-many question counts, unless it is a class of records or an amount', () => {
    expect(u('Hvor mange timer arbejdede han?').counted).toBe('timer');
    expect(u('Hvor mange fokusområder har natteliv?').counted).toBeUndefined();
    expect(u('Hvor mange penge får Sjakket?').counted).toBeUndefined();
  });
});

