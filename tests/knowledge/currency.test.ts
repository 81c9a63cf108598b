import { ageInYears, currentStrategy, periodCurrency } from '../../src/knowledge/currency';
import { shippedKnowledgeBase } from '../support/knowledge-files';

describe('periodCurrency', () => {
  it.each([
    ['2022-2025 on the last day of 2025', { from: 2022, to: 2025 }, '2025-12-31', 'current'],
    ['2022-2025 on the first day of 2026', { from: 2022, to: 2025 }, '2026-01-01', 'ended'],
    ['2024-2026 before it starts', { from: 2024, to: 2026 }, '2023-06-01', 'upcoming'],
    ['an open-ended period that has started', { from: 2023 }, '2026-11-22', 'unknown'],
  ] as const)('%s', (_name, period, today, expected) => {
    expect(periodCurrency(period, today)).toBe(expected);
  });

  it('is unknown without a period', () => {
    expect(periodCurrency(undefined, '2026-11-22')).toBe('unknown');
  });
});

describe('currentStrategy', () => {
  const kb = shippedKnowledgeBase();

  it('finds the strategy in force during its period', () => {
    const r = currentStrategy(kb, '2024-05-01');
    expect(r.kind === 'current' && r.strategy.id).toBe('strategy-2022-2025');
  });

  it('does not take the newest source for the present: after 2025 no strategy is known', () => {
    const r = currentStrategy(kb, '2026-11-22');
    expect(r).toEqual({ kind: 'none-known', latest: expect.objectContaining({ id: 'strategy-2022-2025' }) });
  });
});

describe('dates', () => {
  it('ages a partial date in whole years', () => {
    expect(ageInYears('2010-02-01', '2026-11-22')).toBe(16);
    expect(ageInYears('2023-03-01', '2026-02-28')).toBe(2);
    expect(ageInYears('2024', '2026-11-22')).toBe(2);
  });
});
