// What every turn asks of PostgreSQL, gathered into rounds: the redelivery claim,
// the conversation state (read and written), the sent answer, the answer's outcome
// and, now and then, an unanswered question. Made one by one, that is five or six
// statements and as many commits per turn, and under load the round trips (the
// driver's work per query, the server's parse, plan and commit per statement) cost
// more than the rows. So the calls that arrive while a round is on its way wait for
// the next one, and each round is one statement (a named prepared statement, one
// data-modifying CTE per table, the state reads in its SELECT): one round trip and
// one commit for everything the turns of the moment asked for.
//
// Each call still resolves only when its round has committed (a claim with whether
// it was the first), and rejects with the round's error if the round fails. A row
// the server refuses (say, a NUL character in a text) must not fail the others, so a
// round refused for its data is made again call by call, each with its own outcome.
//
// Two rounds may be on their way at once, on two connections: one waits for its
// commit (the WAL flush) while the next fills. Rows are locked in key order within
// each table, and the tables in the same order in every round, so two rounds (of this
// instance or another) never deadlock on each other's rows.
import type { Pool } from 'pg';
import type { AnswerOutcome } from './expert-store';

interface SentAnswerRow {
  readonly answerId: string;
  readonly question: string;
  /** The answer as JSON text. */
  readonly answer: string;
  readonly at: Date;
}

interface UnansweredRow {
  readonly question: string;
  readonly lang: string;
  readonly outcome: string;
  readonly at: Date;
}

export interface Rounds {
  /** True if this call inserted the key (see Store.claimActivity). */
  claim(key: string, at: Date): Promise<boolean>;
  /** The conversation's state as JSON text; undefined if it has none. */
  readState(conversationId: string): Promise<string | undefined>;
  writeState(conversationId: string, json: string, at: Date): Promise<void>;
  saveAnswer(row: SentAnswerRow): Promise<void>;
  recordOutcome(row: AnswerOutcome): Promise<void>;
  recordUnanswered(row: UnansweredRow): Promise<void>;
  /** Sends what waits, waits for the rounds on their way; later calls reject. */
  close(): Promise<void>;
}

export interface RoundsOptions {
  /** Rounds on their way at once (each on a connection of its own). */
  readonly maxInFlight?: number;
  /** Calls in one round at most; the rest wait for the next. */
  readonly maxCalls?: number;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(err: unknown): void;
}
type Call<A, T> = Waiter<T> & { readonly args: A };

interface Pending {
  claims: Call<[string, Date], boolean>[];
  reads: Call<string, string | undefined>[];
  states: Call<[string, string, Date], void>[];
  answers: Call<SentAnswerRow, void>[];
  outcomes: Call<AnswerOutcome, void>[];
  unanswered: Call<UnansweredRow, void>[];
}
const empty = (): Pending => ({ claims: [], reads: [], states: [], answers: [], outcomes: [], unanswered: [] });
const size = (p: Pending) => p.claims.length + p.reads.length + p.states.length + p.answers.length + p.outcomes.length + p.unanswered.length;

// The claims CTE is read by the SELECT, so it runs first; the other CTEs run after
// it, in the order written (PostgreSQL runs unread data-modifying CTEs at the end, in
// order). Their reads of conversation_state see the state before this statement.
const ROUND = {
  name: 'sikker-by turn round v1',
  text: `
    WITH claims AS (
      INSERT INTO delivered_activities (key, at)
      SELECT * FROM unnest($1::text[], $2::timestamptz[])
      ON CONFLICT (key) DO NOTHING
      RETURNING key
    ), states AS (
      INSERT INTO conversation_state (conversation_id, state, updated_at)
      SELECT id, state::json, at FROM unnest($3::text[], $4::text[], $5::timestamptz[]) AS s (id, state, at)
      ON CONFLICT (conversation_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
    ), answers AS (
      INSERT INTO sent_answers (answer_id, question, answer, at)
      SELECT id, question, answer::json, at FROM unnest($6::text[], $7::text[], $8::text[], $9::timestamptz[]) AS a (id, question, answer, at)
      ON CONFLICT (answer_id) DO NOTHING
    ), outcomes AS (
      INSERT INTO answer_outcomes (outcome, at)
      SELECT * FROM unnest($10::text[], $11::timestamptz[])
    ), unanswered AS (
      INSERT INTO unanswered (question, lang, outcome, at)
      SELECT * FROM unnest($12::text[], $13::text[], $14::text[], $15::timestamptz[])
    )
    SELECT true AS claimed, key AS id, NULL AS state FROM claims
    UNION ALL
    SELECT false, conversation_id, state::text FROM conversation_state WHERE conversation_id = ANY ($16::text[])`,
};

// The same, one call at a time: a round refused for its data is made again this way.
const ONE = {
  claim: 'INSERT INTO delivered_activities (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
  read: 'SELECT state::text AS state FROM conversation_state WHERE conversation_id = $1',
  state: `INSERT INTO conversation_state (conversation_id, state, updated_at) VALUES ($1, $2, $3)
          ON CONFLICT (conversation_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
  answer: 'INSERT INTO sent_answers (answer_id, question, answer, at) VALUES ($1, $2, $3, $4) ON CONFLICT (answer_id) DO NOTHING',
  outcome: 'INSERT INTO answer_outcomes (outcome, at) VALUES ($1, $2)',
  unanswered: 'INSERT INTO unanswered (question, lang, outcome, at) VALUES ($1, $2, $3, $4)',
};

/**
 * SQLSTATE classes of a statement refused for what it holds: data exceptions (22: a NUL
 * in a text, bad JSON), integrity constraints (23), and a deadlock or serialization
 * failure (40). Anything else (the connection, a timeout, a read-only server) fails
 * every call alike, and trying them one by one would only take longer.
 */
const refusedForItsData = (err: unknown) => /^(22|23|40)/.test(String((err as { code?: unknown }).code ?? ''));

export function postgresRounds(pool: Pool, { maxInFlight = 2, maxCalls = 400 }: RoundsOptions = {}): Rounds {
  let pending = empty();
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  let idle: (() => void) | undefined;

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || size(pending) === 0) return;
    scheduled = true;
    // The calls made in this turn of the event loop go together.
    setImmediate(() => {
      scheduled = false;
      send();
    });
  };

  const add = <A, T>(list: (p: Pending) => Call<A, T>[], args: A): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new Error('the PostgreSQL store is closed'));
      list(pending).push({ args, resolve, reject });
      schedule();
    });

  /** Takes up to maxCalls waiting calls; each kind's calls keep their order. */
  function take(): Pending {
    const all = pending;
    if (size(all) <= maxCalls) {
      pending = empty();
      return all;
    }
    let room = maxCalls;
    const part = <C>(list: C[]): C[] => {
      const taken = list.splice(0, Math.min(room, list.length));
      room -= taken.length;
      return taken;
    };
    return {
      claims: part(all.claims),
      reads: part(all.reads),
      states: part(all.states),
      answers: part(all.answers),
      outcomes: part(all.outcomes),
      unanswered: part(all.unanswered),
    };
  }

  function send(): void {
    if (inFlight >= maxInFlight || size(pending) === 0) return;
    const round = take();
    inFlight++;
    void run(round).finally(() => {
      inFlight--;
      if (size(pending) > 0) schedule();
      else if (inFlight === 0) idle?.();
    });
    // More than one round takes: the next goes out beside it.
    schedule();
  }

  async function run(round: Pending): Promise<void> {
    // Claims and state writes lock rows: in key order, the same in every round.
    const claims = byKey(round.claims, (c) => c.args[0]);
    // A state written twice in one round: the later call's state is the one kept.
    const states = lastPerKey(round.states, (s) => s.args[0]);
    const answers = byKey(round.answers, (a) => a.args.answerId);
    const reads = [...new Set(round.reads.map((r) => r.args))];
    let rows: { claimed: boolean; id: string; state: string | null }[];
    try {
      ({ rows } = await pool.query<{ claimed: boolean; id: string; state: string | null }>({
        ...ROUND,
        values: [
          claims.map((c) => c.args[0]),
          claims.map((c) => c.args[1]),
          states.map((s) => s.args[0]),
          states.map((s) => s.args[1]),
          states.map((s) => s.args[2]),
          answers.map((a) => a.args.answerId),
          answers.map((a) => a.args.question),
          answers.map((a) => a.args.answer),
          answers.map((a) => a.args.at),
          round.outcomes.map((o) => o.args.outcome),
          round.outcomes.map((o) => o.args.at),
          round.unanswered.map((u) => u.args.question),
          round.unanswered.map((u) => u.args.lang),
          round.unanswered.map((u) => u.args.outcome),
          round.unanswered.map((u) => u.args.at),
          reads,
        ],
      }));
    } catch (err) {
      if (refusedForItsData(err)) return oneByOne(round);
      for (const call of all(round)) call.reject(err);
      return;
    }
    const claimed = new Set<string>();
    const read = new Map<string, string>();
    for (const row of rows) {
      if (row.claimed) claimed.add(row.id);
      else if (row.state !== null) read.set(row.id, row.state);
    }
    // A key claimed twice in one round: only its first call was first.
    for (const call of round.claims) {
      const first = claimed.delete(call.args[0]);
      call.resolve(first);
    }
    for (const call of round.reads) call.resolve(read.get(call.args));
    for (const call of [...round.states, ...round.answers, ...round.outcomes, ...round.unanswered]) call.resolve(undefined);
  }

  /** The round's calls as statements of their own, in the order they were made, each with its own outcome. */
  async function oneByOne(round: Pending): Promise<void> {
    const each = async <A, T>(calls: Call<A, T>[], make: (args: A) => Promise<T>) => {
      for (const call of calls) await make(call.args).then(call.resolve, call.reject);
    };
    const exec = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount ?? 0;
    await each(round.claims, async ([key, at]) => (await exec(ONE.claim, [key, at])) === 1);
    await each(round.states, ([id, json, at]) => exec(ONE.state, [id, json, at]).then(() => undefined));
    await each(round.answers, (a) => exec(ONE.answer, [a.answerId, a.question, a.answer, a.at]).then(() => undefined));
    await each(round.outcomes, (o) => exec(ONE.outcome, [o.outcome, o.at]).then(() => undefined));
    await each(round.unanswered, (u) => exec(ONE.unanswered, [u.question, u.lang, u.outcome, u.at]).then(() => undefined));
    await each(round.reads, async (id) => (await pool.query<{ state: string }>(ONE.read, [id])).rows[0]?.state);
  }

  return {
    claim: (key, at) => add((p) => p.claims, [key, at] as [string, Date]),
    readState: (id) => add((p) => p.reads, id),
    writeState: (id, json, at) => add((p) => p.states, [id, json, at] as [string, string, Date]),
    saveAnswer: (row) => add((p) => p.answers, row),
    recordOutcome: (row) => add((p) => p.outcomes, row),
    recordUnanswered: (row) => add((p) => p.unanswered, row),
    async close() {
      closed = true;
      // What waits is still sent (the rounds go on until nothing is left), then the last round is awaited.
      while (size(pending) > 0 || inFlight > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          schedule();
        });
        idle = undefined;
      }
    },
  };
}

function all(round: Pending): Waiter<never>[] {
  return [...round.claims, ...round.reads, ...round.states, ...round.answers, ...round.outcomes, ...round.unanswered] as Waiter<never>[];
}

/** Sorted by key (stable: calls with the same key keep their order). */
function byKey<C>(calls: readonly C[], key: (call: C) => string): C[] {
  return [...calls].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The last call per key, sorted by key: ON CONFLICT DO UPDATE may touch a row only once per statement. */
function lastPerKey<C>(calls: readonly C[], key: (call: C) => string): C[] {
  const last = new Map<string, C>();
  for (const call of calls) last.set(key(call), call);
  return byKey([...last.values()], key);
}
