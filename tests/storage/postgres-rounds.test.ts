// The turn's calls gathered into rounds (src/storage/postgres-rounds.ts), against a
// real PostgreSQL: what arrives together is one statement, and every call still
// gets exactly what it would have got alone. Fails (never skips) without a server.
import { Client, Pool } from 'pg';
import { openPostgresStore } from '../../src/storage/postgres-store';
import { postgresRounds, type Rounds } from '../../src/storage/postgres-rounds';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `t_rounds_${process.pid}_${Date.now()}`;

async function sql<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

let pool: Pool;
let statements: string[];
beforeAll(async () => {
  // Opening the store creates the schema and its tables.
  await (await openPostgresStore({ connectionString, schema })).close();
  pool = new Pool({ connectionString, options: `-c search_path=${schema}`, max: 4 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  // Every statement the rounds send, by its text.
  (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (config: unknown, ...rest: unknown[]) => {
    statements.push(typeof config === 'string' ? config : (config as { text: string }).text);
    return query(config, ...rest);
  };
});
beforeEach(() => {
  statements = [];
});
afterAll(async () => {
  await pool.end();
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
});

let tick = 0;
const at = () => new Date(Date.UTC(2033, 0, 1, 8, 0, 0, 7) + ++tick * 1_001);
const id = (what: string) => `${what}-${++tick}`;

async function withRounds<T>(work: (r: Rounds) => Promise<T>): Promise<T> {
  const rounds = postgresRounds(pool);
  try {
    return await work(rounds);
  } finally {
    await rounds.close();
  }
}

it('makes the calls of one moment in one statement, each call with its own result', async () => {
  const [conversation, key, answer] = [id('conversation'), id('key'), id('answer')];
  await sql('INSERT INTO conversation_state (conversation_id, state, updated_at) VALUES ($1, $2, now())', [conversation, '{"topic":"before"}']);
  const results = await withRounds((r) =>
    Promise.all([
      r.claim(key, at()),
      r.claim(key, at()),
      r.readState(conversation),
      r.readState(id('nobody')),
      r.writeState(id('conversation'), '{"topic":"new"}', at()),
      r.saveAnswer({ answerId: answer, question: 'Hvad er Sikker By?', answer: '{"title":"Sikker By"}', at: at() }),
      r.recordOutcome({ outcome: 'answered', at: at() }),
      r.recordUnanswered({ question: 'Hvornår har biblioteket åbent?', lang: 'da', outcome: 'fallback', at: at() }),
    ]),
  );
  expect(results).toEqual([true, false, '{"topic":"before"}', undefined, undefined, undefined, undefined, undefined]);
  expect(statements).toHaveLength(1);
  expect(await sql('SELECT question FROM sent_answers WHERE answer_id = $1', [answer])).toEqual([{ question: 'Hvad er Sikker By?' }]);
});

it('gives each of many keys claimed at once, twice each, exactly one first claim', async () => {
  const keys = Array.from({ length: 50 }, () => id('many'));
  const claims = await withRounds((r) => Promise.all([...keys, ...[...keys].reverse()].map((k) => r.claim(k, at()))));
  expect(claims.filter(Boolean)).toHaveLength(50);
  // The first call of each key is the first claim.
  expect(claims.slice(0, 50).every(Boolean)).toBe(true);
  expect(statements.length).toBeLessThanOrEqual(2);
});

it('keeps the last of the states written to one conversation at once', async () => {
  const conversation = id('conversation');
  await withRounds((r) => Promise.all([1, 2, 3].map((n) => r.writeState(conversation, JSON.stringify({ n }), at()))));
  expect(await sql('SELECT state::text FROM conversation_state WHERE conversation_id = $1', [conversation])).toEqual([{ state: '{"n":3}' }]);
});

it('fails only the call whose row the server refuses, and makes the others', async () => {
  const [conversation, key] = [id('conversation'), id('key')];
  const question = id('question');
  const results = await withRounds((r) =>
    Promise.allSettled([
      r.claim(key, at()),
      r.writeState(conversation, '{"topic":"kept"}', at()),
      // PostgreSQL's text cannot hold a NUL character.
      r.recordUnanswered({ question: 'nul \u0000 here', lang: 'da', outcome: 'fallback', at: at() }),
      r.recordUnanswered({ question, lang: 'en', outcome: 'suggestions', at: at() }),
    ]),
  );
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect((results[0] as PromiseFulfilledResult<boolean>).value).toBe(true);
  expect(await sql('SELECT state::text FROM conversation_state WHERE conversation_id = $1', [conversation])).toEqual([{ state: '{"topic":"kept"}' }]);
  expect(await sql('SELECT lang FROM unanswered WHERE question = $1', [question])).toEqual([{ lang: 'en' }]);
  // The claim was made once, by the round made again call by call: a second claim is no first.
  expect(await withRounds((r) => r.claim(key, at()))).toBe(false);
});

it('rejects every call of a round that fails for another reason, and goes on with the next round', async () => {
  const key = id('key');
  await sql('ALTER TABLE answer_outcomes RENAME TO answer_outcomes_away');
  let results: PromiseSettledResult<unknown>[];
  try {
    results = await withRounds((r) => Promise.allSettled([r.claim(key, at()), r.recordOutcome({ outcome: 'answered', at: at() })]));
  } finally {
    await sql('ALTER TABLE answer_outcomes_away RENAME TO answer_outcomes');
  }
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/answer_outcomes/);
  // Nothing of the failed round stands: the key is still free.
  expect(await withRounds((r) => r.claim(key, at()))).toBe(true);
});

it('makes the calls still waiting when it is closed, and refuses calls after', async () => {
  const conversation = id('conversation');
  const rounds = postgresRounds(pool);
  const write = rounds.writeState(conversation, '{"topic":"exit"}', at());
  await rounds.close();
  await write;
  expect(await sql('SELECT state::text FROM conversation_state WHERE conversation_id = $1', [conversation])).toEqual([{ state: '{"topic":"exit"}' }]);
  await expect(rounds.claim(id('key'), at())).rejects.toThrow(/closed/);
});

it('splits more calls than a round takes over several rounds, two on their way at once', async () => {
  const rounds = postgresRounds(pool, { maxCalls: 10, maxInFlight: 2 });
  let most = 0;
  let now = 0;
  const query = pool.query;
  (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
    most = Math.max(most, ++now);
    try {
      return await (query as (...a: unknown[]) => Promise<unknown>).apply(pool, args);
    } finally {
      now--;
    }
  };
  try {
    const keys = Array.from({ length: 35 }, () => id('split'));
    const claims = await Promise.all(keys.map((k) => rounds.claim(k, at())));
    expect(claims.every(Boolean)).toBe(true);
    expect(statements).toHaveLength(4);
    expect(most).toBe(2);
  } finally {
    await rounds.close();
    (pool as unknown as { query: typeof query }).query = query;
  }
});
