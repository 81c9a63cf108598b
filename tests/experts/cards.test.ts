import { ExpertAction, renderExpertAnswerCard, renderExpertQuestionCard } from '../../src/experts/cards';
import { validateCard } from '../../src/cards/validate';
import type { AdaptiveCard } from '../../src/kernel/card';
import type { ExpertQuestion } from '../../src/storage/expert-store';

type Node = Record<string, any>;
function nodes(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(nodes);
  if (typeof node !== 'object' || node === null) return [];
  return [node as Node, ...Object.values(node).flatMap(nodes)];
}
const texts = (card: AdaptiveCard) => nodes(card).filter((n) => typeof n['text'] === 'string').map((n) => n['text'] as string);
const actions = (card: AdaptiveCard) => ((card['actions'] as Node[] | undefined) ?? []);

const ASKED = new Date('2026-12-01T08:05:00Z'); // 09.05 in Copenhagen
const CLAIMED = new Date('2026-12-01T09:30:00Z');
const ANSWERED = new Date('2026-12-01T10:45:00Z');
const base: ExpertQuestion = {
  id: 12,
  question: 'Hvem sidder i styregruppen?',
  lang: 'da',
  asker: { id: 'aad-1', name: 'Mette Holm' },
  conversation: { conversationId: 'a:1', serviceUrl: 'http://127.0.0.1:9/', reference: {} },
  botAnswer: 'Det ved jeg desværre ikke.',
  askedAt: ASKED,
  status: 'open',
};
const claim = { by: { id: 'aad-2', name: 'Bo Berg' }, at: CLAIMED };
const answer = { text: 'Styregruppen består af direktørerne.', by: { id: 'aad-3', name: 'Anna Dahl' }, at: ANSWERED };
const STATES: Record<ExpertQuestion['status'], ExpertQuestion> = {
  open: base,
  claimed: { ...base, status: 'claimed', claim },
  answered: { ...base, status: 'answered', claim, answer },
  delivered: { ...base, status: 'delivered', claim, answer, delivery: { at: ANSWERED } },
  undeliverable: { ...base, status: 'undeliverable', answer, delivery: { at: ANSWERED, error: 'HTTP 403 BotNotInConversationRoster' } },
};
const options = { lang: 'da' as const, timeZone: 'Europe/Copenhagen' };

describe('the expert question card in the channel', () => {
  it.each(Object.keys(STATES).flatMap((s) => [[s, 'da'], [s, 'en']]))('is a valid card when %s (%s)', (state, lang) => {
    const { card, summary } = renderExpertQuestionCard(STATES[state as ExpertQuestion['status']], { ...options, lang: lang as 'da' | 'en' });
    expect(validateCard(card)).toEqual([]);
    expect(summary.length).toBeGreaterThan(10);
  });

  it('shows the question, who asked and when, and what the bot answered', () => {
    const all = texts(renderExpertQuestionCard(base, options).card).join('\n');
    expect(all).toContain('Hvem sidder i styregruppen?');
    expect(all).toContain('Mette Holm');
    expect(all).toContain('1. december 2026 kl. 09.05');
    expect(all).toContain('Det ved jeg desværre ikke.');
    expect(all).toContain('Spørgsmål nr. 12 til Team Sikker By');
  });

  it('offers Tag den and Send svar as Action.Execute with an Action.Submit fallback while open', () => {
    const { card } = renderExpertQuestionCard(base, options);
    expect(actions(card).map((a) => [a['type'], a['verb'], a['title'], a['data'], a['fallback']?.type, a['fallback']?.data])).toEqual([
      ['Action.Execute', 'expert.claim', 'Tag den', { questionId: 12 }, 'Action.Submit', { questionId: 12, action: 'expert.claim' }],
      ['Action.Execute', 'expert.answer', 'Send svar', { questionId: 12 }, 'Action.Submit', { questionId: 12, action: 'expert.answer' }],
    ]);
    const input = nodes(card.body).find((n) => n['id'] === 'answer');
    expect(input).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 4000 });
  });

  it('shows who has it once claimed, and keeps only Send svar', () => {
    const { card } = renderExpertQuestionCard(STATES.claimed, options);
    expect(texts(card).join('\n')).toContain('Taget af Bo Berg, 1. december 2026 kl. 10.30');
    expect(actions(card).map((a) => a['verb'])).toEqual(['expert.answer']);
  });

  it('shows the answer and no buttons or fields once answered, and says when it could not be delivered', () => {
    for (const state of ['answered', 'delivered', 'undeliverable'] as const) {
      const { card } = renderExpertQuestionCard(STATES[state], options);
      expect(actions(card)).toEqual([]);
      expect(nodes(card.body).filter((n) => String(n['type']).startsWith('Input.'))).toEqual([]);
      expect(texts(card).join('\n')).toContain('Styregruppen består af direktørerne.');
    }
    expect(texts(renderExpertQuestionCard(STATES.delivered, options).card).join('\n')).toContain('Spørgeren har fået svaret.');
    expect(texts(renderExpertQuestionCard(STATES.undeliverable, options).card).join('\n')).toContain('Svaret kunne ikke leveres');
  });

  it('shows a notice to the presser when given one', () => {
    expect(texts(renderExpertQuestionCard(STATES.claimed, options, 'Bo Berg har allerede taget spørgsmålet.').card)).toContain('Bo Berg har allerede taget spørgsmålet.');
  });

  it('lets nothing a person wrote become a link, a mention, markdown or template syntax', () => {
    const evil = '[klik](https://evil.example/x) ${labels.claim} <at>Bo</at> www.evil.dk **fed** mailto:x@y.dk';
    const q: ExpertQuestion = { ...STATES.answered, question: evil, asker: { id: 'x', name: evil }, botAnswer: evil, answer: { ...answer, text: evil } };
    const { card } = renderExpertQuestionCard(q, options);
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify([card.body, card["actions"]]);
    for (const bad of ['${', '://', '<at>', 'www.', 'mailto:']) expect(json).not.toContain(bad);
    // The people's texts are TextRuns, which Adaptive Cards never read as markdown.
    const holders = nodes(card.body).filter((n) => typeof n['text'] === 'string' && n['text'].includes('klik'));
    expect(holders.length).toBeGreaterThanOrEqual(3);
    expect(holders.every((n) => n['type'] === 'TextRun')).toBe(true);
  });
});

describe("the expert's answer card for the asker", () => {
  const model = { questionId: 12, question: base.question, answer: answer.text, expert: 'Anna Dahl', answeredAt: ANSWERED };

  it('says who answered and when, and offers 👍 / 👎 with a fallback', () => {
    const { card, summary } = renderExpertAnswerCard(model, options);
    expect(validateCard(card)).toEqual([]);
    const all = texts(card).join('\n');
    expect(all).toContain('Anna Dahl');
    expect(all).toContain('1. december 2026 kl. 11.45');
    expect(all).toContain(answer.text);
    expect(summary).toBe('Svar fra Team Sikker By: Hvem sidder i styregruppen?');
    expect(actions(card).map((a) => [a['verb'], a['data'], a['fallback']?.data])).toEqual([
      ['expert.rate', { questionId: 12, rating: 'up' }, { questionId: 12, rating: 'up', action: 'expert.rate' }],
      ['expert.rate', { questionId: 12, rating: 'down' }, { questionId: 12, rating: 'down', action: 'expert.rate' }],
    ]);
  });

  it('thanks instead of asking once rated, in English too', () => {
    const { card } = renderExpertAnswerCard({ ...model, rated: 'down' }, { ...options, lang: 'en' });
    expect(validateCard(card)).toEqual([]);
    expect(actions(card)).toEqual([]);
    expect(texts(card)).toContain('Thank you for your feedback.');
    expect(texts(card).join('\n')).toContain('1 December 2026 at 11:45');
  });
});

describe('the card actions', () => {
  it('parse alike from Action.Execute and from its Action.Submit fallback, inputs included', () => {
    const data = { questionId: 12, answer: 'Svar', recordId: '' };
    const submitted = ExpertAction.parse({ ...data, action: 'expert.answer', msteams: { x: 1 } });
    const executed = ExpertAction.parse({ action: { type: 'Action.Execute', verb: 'expert.answer', data }, trigger: 'manual' });
    expect(submitted).toEqual({ action: 'expert.answer', questionId: 12, answer: 'Svar', recordId: undefined });
    expect(executed).toEqual(submitted);
    expect(ExpertAction.parse({ action: 'expert.claim', questionId: '12' })).toEqual({ action: 'expert.claim', questionId: 12 });
    expect(ExpertAction.parse({ action: { type: 'Action.Execute', verb: 'expert.rate', data: { questionId: 3, rating: 'down' } } })).toEqual({ action: 'expert.rate', questionId: 3, rating: 'down' });
    expect(ExpertAction.parse({ action: 'expert.ask', answerId: 'a-1' })).toEqual({ action: 'expert.ask', answerId: 'a-1' });
  });

  it('refuses what is not one of them', () => {
    for (const bad of [{ action: 'expert.claim' }, { action: 'expert.claim', questionId: -1 }, { action: 'expert.rate', questionId: 1, rating: 'meh' }, { action: 'expert.ask', answerId: '' }, { action: { type: 'Action.Execute', verb: 'expert.nope', data: {} } }]) {
      expect(ExpertAction.safeParse(bad).success).toBe(false);
    }
  });
});
