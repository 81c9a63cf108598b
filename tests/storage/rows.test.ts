import { ConversationState, InvalidStoreInputError, jsonOf } from '../../src/storage/rows';

describe('jsonOf', () => {
  // The fast walk must never accept what the schema refuses, and gives the same text for what it accepts.
  const accepted: unknown[] = ['', 'æøå', 0, -1.5, true, null, [], {}, [1, 'a', null, [{}]], { a: { b: [1, { c: 'd' }] } }, Object.assign(Object.create(null) as object, { a: 1 })];
  const refused: unknown[] = [undefined, Number.NaN, Infinity, -Infinity, { a: undefined }, [1, undefined], new Array(2), new Date(), new Map(), () => 1, 1n, Symbol('s'), { nested: [{ at: new Date() }] }, new (class Thing {})()];

  it.each(accepted.map((v) => [v]))('writes %p as JSON.stringify does', (value) => {
    expect(ConversationState.safeParse(value).success).toBe(true);
    expect(jsonOf(value, 'value')).toBe(JSON.stringify(value));
  });

  it.each(refused.map((v) => [v]))('refuses %p as the schema does, with its message', (value) => {
    expect(ConversationState.safeParse(value).success).toBe(false);
    expect(() => jsonOf(value, 'test value')).toThrow(InvalidStoreInputError);
    expect(() => jsonOf(value, 'test value')).toThrow(/Invalid test value/);
  });
});
