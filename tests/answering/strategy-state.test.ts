// What an answer says about a strategy whose period has ended: the 2018–2021
// strategy was followed by the 2022–2025 one, which the knowledge base holds, so
// "the sources hold no later strategy" would be false there (issue 12).
import { principlesOfStrategy, strategyAnswer } from '../../src/answering/compose';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const strategy = (id: string) => kb.strategies.find((s) => s.id === id)!;
const today = '2026-12-01';

it.each(['da', 'en'] as const)('names the later strategy under an ended one, and says there is none only under the newest (%s)', (lang) => {
  const ctx = { kb, lang, today };
  const newer = strategy('strategy-2022-2025');
  for (const answer of [strategyAnswer(ctx, strategy('strategy-2018-2021'), 'overview'), principlesOfStrategy(ctx, strategy('strategy-2018-2021'))]) {
    expect(answer.text).toContain(newer.name);
    expect(answer.text).not.toMatch(/ingen nyere strategi|no later strategy/);
  }
  expect(strategyAnswer(ctx, newer, 'overview').text).toMatch(lang === 'da' ? /ingen nyere strategi/ : /no later strategy/);
});
