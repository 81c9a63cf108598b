// The records next to another in an order of the sources' own (src/answering/neighbours.ts).
import { periodNeighbour, periodRecord } from '../../src/answering/neighbours';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const today = '2026-12-03';

describe('the period before or after another', () => {
  it('is the strategy before or after a strategy', () => {
    expect(periodNeighbour(kb, 'strategy-2022-2025', -1, today)?.id).toBe('strategy-2018-2021');
    expect(periodNeighbour(kb, 'strategy-2018-2021', 1, today)?.id).toBe('strategy-2022-2025');
  });

  it('is, before the first strategy, the period that ends the year before it begins', () => {
    expect(periodNeighbour(kb, 'strategy-2018-2021', -1, today)?.id).toBe('ev-2010-sikker-by-programmer');
    expect(periodNeighbour(kb, 'ev-2010-sikker-by-programmer', 1, today)?.id).toBe('strategy-2018-2021');
  });

  it('is none after the last, nor beside a record of no period', () => {
    expect(periodNeighbour(kb, 'strategy-2022-2025', 1, today)).toBeUndefined();
    expect(periodNeighbour(kb, 'ev-2010-02-08-hoering', -1, today)).toBeUndefined();
  });

  it('is found for a term through the event of the period it names', () => {
    expect(periodRecord(kb, 'term-sikker-by-programmer')?.id).toBe('ev-2010-sikker-by-programmer');
    expect(periodRecord(kb, 'per-larsen')).toBeUndefined();
  });
});
