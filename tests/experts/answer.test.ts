// The assistant answers from approved expert answers, and finds a record by an
// approved other way of asking for it (the engine of src/answering/).
import { createEngine } from '../../src/answering/engine';
import { buildKnowledgeBase, coordinatorOf } from '../../src/knowledge/knowledge-base';
import { shippedKnowledgeBase, sourceFiles, withEdit } from '../support/knowledge-files';

const QUESTION = 'Hvordan booker jeg en tryghedsvandring?';
const ANSWER = 'Skriv til Team Sikker By med [bydel](https://x.dk) og ønsket dato.';
const TODAY = '2026-12-01';

function kbWith(edit: (data: any) => void) {
  const result = buildKnowledgeBase(withEdit('expert-answers.yaml', edit), sourceFiles());
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.kb;
}
const expert = { id: 'ekspert-1', question: QUESTION, alternates: ['Kan vi få besøg af en tryghedsvandring?'], answer: ANSWER, answered: '2026-11-30', answeredBy: 'Anna Dahl', approved: '2026-12-01', approvedBy: 'Admin Ahmed' };

describe('answers from Team Sikker By', () => {
  it('falls back without the entry, and answers the question and its other wordings with it', () => {
    expect(createEngine(shippedKnowledgeBase(), 'da').respond({ text: QUESTION }, undefined, TODAY).outcome).toBe('fallback');
    const engine = createEngine(kbWith((d) => d.expertAnswers.push(expert)), 'da');
    for (const q of [QUESTION, 'hvordan booker man en tryghedsvandring', 'Kan vi få besøg af en tryghedsvandring?']) {
      const { answer, outcome } = engine.respond({ text: q }, undefined, TODAY);
      expect([q, outcome]).toEqual([q, 'answered']);
      expect(answer.citations).toEqual([{ title: 'Svar fra Team Sikker By', file: 'expert-answers.yaml', date: '30. november 2026, godkendt af Admin Ahmed' }]);
      // The expert's words as text: no link, no markdown.
      expect(answer.text).toBe('Skriv til Team Sikker By med \\[bydel\\](https:\u200B//x.dk) og ønsket dato.');
    }
  });

  it('says so when the answer is in the other language', () => {
    const engine = createEngine(kbWith((d) => d.expertAnswers.push(expert)), 'da');
    const { answer } = engine.respond({ text: 'How do I book a tryghedsvandring?', localeLang: 'en' }, undefined, TODAY);
    expect(answer.citations[0]?.title).toBe('Answer from Team Sikker By');
    expect(answer.warnings).toEqual(['Team Sikker By gave this answer in Danish.']);
  });

  it('finds an existing record by an approved other way of asking for it', () => {
    const question = 'Må jeg tage min hund med på arbejde?';
    const coordinator = coordinatorOf(shippedKnowledgeBase());
    expect(coordinator).toBeDefined();
    expect(createEngine(shippedKnowledgeBase(), 'da').respond({ text: question }, undefined, TODAY).outcome).toBe('fallback');
    const engine = createEngine(kbWith((d) => d.alternateQuestions.push({ record: coordinator!.id, question, approved: TODAY, approvedBy: 'Admin Ahmed' })), 'da');
    const { answer, outcome } = engine.respond({ text: question }, undefined, TODAY);
    expect(outcome).toBe('answered');
    expect(answer.title).toContain(coordinator!.name);
  });
});
