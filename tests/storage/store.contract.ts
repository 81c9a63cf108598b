// The one contract every Store implementation passes (practices.md, 5).
//
// `open` must give a new store over the same database on every call, so what
// one test writes is still there in the next. Each test therefore writes times
// later than anything before it (`later()`), which makes the newest rows its
// own, and uses conversation ids of its own.
import { InvalidStoreInputError } from '../../src/storage/rows';
import type { Feedback, SentAnswer, Store, UnansweredQuestion } from '../../src/storage/store';

/** Larger than anything the suite writes: "list everything". */
const ALL = 100_000;

export function storeContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`${name} (Store contract)`, () => {
    const opened: Store[] = [];
    async function store(): Promise<Store> {
      const s = await open();
      opened.push(s);
      return s;
    }
    // Closing again what a test already closed is part of the contract too.
    afterEach(() => Promise.all(opened.splice(0).map((s) => s.close())));
    if (cleanup) afterAll(cleanup);

    // Odd milliseconds, so a store that keeps only seconds fails the round trips.
    let tick = 0;
    const later = () => new Date(Date.UTC(2031, 0, 1, 8, 0, 0, 7) + ++tick * 1_001);
    const newConversationId = () => `19:contract-${++tick}@thread.tacv2;messageid=1`;
    const feedback = (extra: Partial<Feedback> = {}): Feedback => {
      const at = later();
      return {
        answerId: `initiative/exit-${tick}`,
        rating: 'up',
        question: 'Hvor mange penge får Exit-programmet i 2025?',
        answerTitle: 'Exit-programmet',
        at,
        ...extra,
      };
    };
    const unanswered = (extra: Partial<UnansweredQuestion> = {}): UnansweredQuestion => ({
      question: 'Hvem sidder i styregruppen?',
      lang: 'da',
      outcome: 'fallback',
      at: later(),
      ...extra,
    });

    describe('feedback', () => {
      it('round-trips every field, the time to the millisecond', async () => {
        const s = await store();
        const written = feedback({ rating: 'down', question: 'Gælder det også for Tingbjerg? 🙂', answerTitle: '"SSP+" – æøå' });
        await s.recordFeedback(written);
        const [read] = await s.listFeedback(1);
        expect(read).toEqual(written);
        expect(read?.at).toBeInstanceOf(Date);
        expect(read?.at.getTime()).toBe(written.at.getTime());
      });

      it('keeps values of the maximum length whole', async () => {
        const s = await store();
        const written = feedback({ answerId: 'a'.repeat(200), question: 'ø'.repeat(2000), answerTitle: 't'.repeat(500) });
        await s.recordFeedback(written);
        expect(await s.listFeedback(1)).toEqual([written]);
      });

      it('lists newest first, at most `limit`', async () => {
        const s = await store();
        const oldest = feedback();
        const middle = feedback();
        const newest = feedback();
        for (const f of [middle, newest, oldest]) await s.recordFeedback(f);
        expect(await s.listFeedback(2)).toEqual([newest, middle]);
        expect(await s.listFeedback(3)).toEqual([newest, middle, oldest]);
        expect(await s.listFeedback(0)).toEqual([]);
      });

      it('lists rows of the same time most recently recorded first', async () => {
        const s = await store();
        const at = later();
        const first = feedback({ answerId: 'first', at });
        const second = feedback({ answerId: 'second', at });
        await s.recordFeedback(first);
        await s.recordFeedback(second);
        expect(await s.listFeedback(2)).toEqual([second, first]);
      });

      it('rejects invalid feedback with a clear error and writes nothing', async () => {
        const s = await store();
        const before = await s.listFeedback(ALL);
        await expect(s.recordFeedback({ ...feedback(), rating: 'meh' } as never)).rejects.toThrow(
          /Invalid feedback[\s\S]*rating/,
        );
        const invalid: unknown[] = [
          { ...feedback(), answerId: '' },
          { ...feedback(), question: 'x'.repeat(2001) },
          { ...feedback(), at: new Date(Number.NaN) },
          { ...feedback(), at: '2031-01-01T08:00:00.000Z' },
          { ...feedback(), userId: '29:someone' }, // no user identity is stored
          null,
        ];
        for (const value of invalid) {
          await expect(s.recordFeedback(value as Feedback)).rejects.toThrow(InvalidStoreInputError);
        }
        expect(await s.listFeedback(ALL)).toEqual(before);
      });
    });

    describe('unanswered questions', () => {
      it('round-trip every field and list newest first, at most `limit`', async () => {
        const s = await store();
        const oldest = unanswered({ lang: 'en', outcome: 'suggestions', question: 'Who funds the night ravens?' });
        const middle = unanswered();
        const newest = unanswered({ question: 'Hvad er "tryghedsvandringer"? 🚶' });
        for (const q of [newest, oldest, middle]) await s.recordUnanswered(q);
        expect(await s.listUnanswered(3)).toEqual([newest, middle, oldest]);
        expect(await s.listUnanswered(1)).toEqual([newest]);
        expect((await s.listUnanswered(1))[0]?.at.getTime()).toBe(newest.at.getTime());
      });

      it('rejects invalid questions and writes nothing', async () => {
        const s = await store();
        const before = await s.listUnanswered(ALL);
        const invalid: unknown[] = [
          { ...unanswered(), lang: 'de' },
          { ...unanswered(), outcome: 'unknown' },
          { ...unanswered(), question: 'x'.repeat(2001) },
          { ...unanswered(), at: Date.now() },
        ];
        for (const value of invalid) {
          await expect(s.recordUnanswered(value as UnansweredQuestion)).rejects.toThrow(
            /Invalid unanswered question/,
          );
        }
        expect(await s.listUnanswered(ALL)).toEqual(before);
      });
    });

    it('rejects a limit that is not a whole number ≥ 0', async () => {
      const s = await store();
      // SQLite would read LIMIT -1 as "no limit".
      for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(s.listFeedback(limit)).rejects.toThrow(/Invalid limit/);
        await expect(s.listUnanswered(limit)).rejects.toThrow(/Invalid limit/);
      }
    });

    describe('onboarding progress', () => {
      it('is undefined for a new user, and the latest progress wins per user', async () => {
        const s = await store();
        const user = `user-${newConversationId()}`;
        const other = `user-${newConversationId()}`;
        expect(await s.getOnboarding(user)).toBeUndefined();
        await s.setOnboarding(user, { step: 1 }, later());
        await s.setOnboarding(other, { step: 5, quiz: { index: 2, correct: 1 } }, later());
        await s.setOnboarding(user, { step: 3 }, later());
        expect(await s.getOnboarding(user)).toEqual({ step: 3 });
        expect(await s.getOnboarding(other)).toEqual({ step: 5, quiz: { index: 2, correct: 1 } });
      });

      it('refuses what is not JSON', async () => {
        await expect((await store()).setOnboarding('user-x', { at: new Date() }, later())).rejects.toThrow(/onboarding progress/);
      });
    });

    describe('conversation state', () => {
      it('is undefined for an unknown conversation', async () => {
        const s = await store();
        expect(await s.getConversationState(newConversationId())).toBeUndefined();
      });

      it('round-trips any JSON value exactly', async () => {
        const s = await store();
        const values: unknown[] = [
          { zebra: 'keys keep their order', a: [1, 2.5, -3e-7, { nested: true }], tom: {}, nul: null },
          ['da', 2024, false, null, []],
          'og i 2025? – æøå 🙂 with a \u0000 and a lone \ud800',
          0,
          -12.75,
          true,
          null,
        ];
        for (const value of values) {
          const id = newConversationId();
          await s.setConversationState(id, value, later());
          const read = await s.getConversationState(id);
          expect(read).toEqual(value);
          expect(JSON.stringify(read)).toBe(JSON.stringify(value));
        }
      });

      it('overwrites the whole state, and only its own conversation', async () => {
        const s = await store();
        const id = newConversationId();
        const other = newConversationId();
        await s.setConversationState(other, { topic: 'ssp' }, later());
        await s.setConversationState(id, { topic: 'exit', year: 2024, asked: ['beløb'] }, later());
        await s.setConversationState(id, { topic: 'natteravne' }, later());
        expect(await s.getConversationState(id)).toEqual({ topic: 'natteravne' });
        expect(await s.getConversationState(other)).toEqual({ topic: 'ssp' });
      });

      it('keeps one whole state per conversation when many writes are made at once', async () => {
        const s = await store();
        const ids = Array.from({ length: 12 }, () => newConversationId());
        // 36 writes in flight together, three per conversation. Which of one conversation's
        // concurrent writes lands last is up to the database (PostgreSQL's pool runs them in parallel).
        await Promise.all(ids.flatMap((id, i) => [1, 2, 3].map((round) => s.setConversationState(id, { i, round }, later()))));
        for (const [i, id] of ids.entries()) expect([1, 2, 3].map((round) => ({ i, round }))).toContainEqual(await s.getConversationState(id));
      });

      it('rejects what is not JSON, a bad id or time, and keeps the previous state', async () => {
        const s = await store();
        const id = newConversationId();
        await s.setConversationState(id, { topic: 'exit' }, later());
        const notJson: unknown[] = [undefined, Number.NaN, Infinity, { year: undefined }, new Date(), new Map(), () => 1, 1n];
        for (const state of notJson) {
          await expect(s.setConversationState(id, state, later())).rejects.toThrow(/Invalid conversation state/);
        }
        await expect(s.setConversationState(id, {}, new Date(Number.NaN))).rejects.toThrow(InvalidStoreInputError);
        await expect(s.setConversationState('', {}, later())).rejects.toThrow(/Invalid conversation id/);
        await expect(s.getConversationState('')).rejects.toThrow(/Invalid conversation id/);
        expect(await s.getConversationState(id)).toEqual({ topic: 'exit' });
      });
    });

    describe('sent answers', () => {
      const sent = (extra: Partial<SentAnswer> = {}): SentAnswer => ({
        answerId: `answer-${newConversationId()}`,
        question: 'Hvor meget får Exit KK i 2024? – æøå',
        answer: { kind: 'answer', title: 'Exit KK', facts: [{ label: '2024', value: '6,8 mio. kr.' }], table: null },
        at: later(),
        ...extra,
      });

      it('round-trip every field, and are undefined when unknown', async () => {
        const s = await store();
        const written = sent();
        await s.saveAnswer(written);
        expect(await s.findAnswer(written.answerId)).toEqual(written);
        expect(await s.findAnswer('never-sent')).toBeUndefined();
      });

      it('keep the first save of an id', async () => {
        const s = await store();
        const first = sent();
        await s.saveAnswer(first);
        await s.saveAnswer({ ...first, question: 'another' });
        expect(await s.findAnswer(first.answerId)).toEqual(first);
      });

      it('reject what is not JSON or too long, and write nothing', async () => {
        const s = await store();
        const bad = sent({ answer: { at: new Date() } as never });
        await expect(s.saveAnswer(bad)).rejects.toThrow(/Invalid sent answer/);
        await expect(s.saveAnswer(sent({ answerId: 'x'.repeat(201) }))).rejects.toThrow(InvalidStoreInputError);
        expect(await s.findAnswer(bad.answerId)).toBeUndefined();
        await expect(s.findAnswer('')).rejects.toThrow(/Invalid answer id/);
      });
    });

    describe('welcomes', () => {
      it('are claimed once per conversation, and again once forgotten', async () => {
        const s = await store();
        const id = newConversationId();
        expect(await s.claimWelcome(id, later())).toBe(true);
        expect(await s.claimWelcome(id, later())).toBe(false);
        expect(await s.claimWelcome(newConversationId(), later())).toBe(true);
        await s.forgetWelcome(id);
        await s.forgetWelcome(newConversationId());
        expect(await s.claimWelcome(id, later())).toBe(true);
        expect(await s.claimWelcome(id, later())).toBe(false);
        await expect(s.claimWelcome('', later())).rejects.toThrow(/Invalid conversation id/);
      });
    });

    describe('two stores over the same database', () => {
      it('give a welcome to exactly one of many concurrent claims', async () => {
        const a = await store();
        const b = await store();
        const id = newConversationId();
        const at = later();
        const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimWelcome(id, at)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it('find each other’s sent answers', async () => {
        const a = await store();
        const b = await store();
        const answerId = `answer-${newConversationId()}`;
        const written: SentAnswer = { answerId, question: 'Hvad er Sikker By?', answer: { title: 'Sikker By' }, at: later() };
        await a.saveAnswer(written);
        expect(await b.findAnswer(answerId)).toEqual(written);
      });

      it('see each other’s writes, also after the writer closed', async () => {
        const writer = await store();
        const id = newConversationId();
        const written = feedback();
        await writer.recordFeedback(written);
        await writer.setConversationState(id, { topic: 'exit' }, later());
        await writer.close();
        const reader = await store();
        expect(await reader.listFeedback(1)).toEqual([written]);
        expect(await reader.getConversationState(id)).toEqual({ topic: 'exit' });
      });

      it('lose no rows when writing concurrently', async () => {
        const a = await store();
        const b = await store();
        const feedbacks = Array.from({ length: 40 }, (_, i) => feedback({ answerId: `concurrent-${i}` }));
        const questions = Array.from({ length: 40 }, () => unanswered());
        await Promise.all([
          ...feedbacks.map((f, i) => (i % 2 ? a : b).recordFeedback(f)),
          ...questions.map((q, i) => (i % 2 ? b : a).recordUnanswered(q)),
        ]);
        // Every time is distinct and newer than anything before, so the order is known.
        expect(await a.listFeedback(40)).toEqual([...feedbacks].reverse());
        expect(await b.listUnanswered(40)).toEqual([...questions].reverse());
      });

      it('settle concurrent overwrites of one conversation on one of the written states', async () => {
        const a = await store();
        const b = await store();
        const id = newConversationId();
        const states = Array.from({ length: 20 }, (_, i) => ({ turn: i }));
        // A read-then-insert implementation fails here with a duplicate key.
        await Promise.all(states.map((state, i) => (i % 2 ? a : b).setConversationState(id, state, later())));
        expect(states).toContainEqual(await a.getConversationState(id));
      });
    });

    describe('delivery keys (redelivered activities)', () => {
      const newKey = () => `contract-key-${++tick}-${'a'.repeat(40)}`;

      it('is true for the first claim of a key and false for every later one, from any store on the database', async () => {
        const a = await store();
        const b = await store();
        const key = newKey();
        expect(await a.claimActivity(key, later())).toBe(true);
        expect(await a.claimActivity(key, later())).toBe(false);
        expect(await b.claimActivity(key, later())).toBe(false);
        expect(await b.claimActivity(newKey(), later())).toBe(true);
      });

      it('gives exactly one winner among concurrent claims of one key', async () => {
        const a = await store();
        const b = await store();
        const key = newKey();
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimActivity(key, later())));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('refuses an empty or overlong key before writing', async () => {
        const s = await store();
        await expect(s.claimActivity('', later())).rejects.toThrow(InvalidStoreInputError);
        await expect(s.claimActivity('k'.repeat(201), later())).rejects.toThrow(InvalidStoreInputError);
        await expect(s.releaseActivity('', later())).rejects.toThrow(InvalidStoreInputError);
      });

      it('lets a released key be claimed again, once, from any store on the database; other keys stay claimed', async () => {
        const a = await store();
        const b = await store();
        const key = newKey();
        const other = newKey();
        const claimedAt = later();
        expect(await a.claimActivity(key, claimedAt)).toBe(true);
        expect(await a.claimActivity(other, later())).toBe(true);
        await a.releaseActivity(key, claimedAt);
        expect(await b.claimActivity(other, later())).toBe(false);
        const again = await Promise.all([a, b, a].map((s) => s.claimActivity(key, later())));
        expect(again.filter(Boolean)).toHaveLength(1);
        // Releasing a key that is not claimed does nothing.
        await b.releaseActivity(newKey(), later());
      });

      it('leaves a later claim of a released key alone when the first release arrives again, late', async () => {
        const a = await store();
        const b = await store();
        const key = newKey();
        const first = later();
        expect(await a.claimActivity(key, first)).toBe(true);
        await a.releaseActivity(key, first);
        expect(await b.claimActivity(key, later())).toBe(true);
        // The failed turn's release, repeated or delayed (a slow store), must not free b's claim.
        await a.releaseActivity(key, first);
        expect(await a.claimActivity(key, later())).toBe(false);
      });
    });

    describe('retention', () => {
      it("removes unanswered questions and feedback's question text before the cutoff, keeps newer ones whole, and lets purged keys be claimed again", async () => {
        const s = await store();
        const old = feedback({ question: 'gammel' });
        const oldQuestion = unanswered({ question: 'gammelt spørgsmål' });
        const key = `contract-purge-${++tick}`;
        await s.claimActivity(key, later());
        const oldAnswer = { answerId: `purge-old-${tick}`, question: 'gammelt', answer: { title: 'x' }, at: later() };
        await s.saveAnswer(oldAnswer);
        const cutoff = later();
        const fresh = feedback({ question: 'ny' });
        const freshQuestion = unanswered({ question: 'nyt spørgsmål' });
        await s.recordFeedback(old);
        await s.recordUnanswered(oldQuestion);
        await s.recordFeedback(fresh);
        await s.recordUnanswered(freshQuestion);
        const freshAnswer = { answerId: `purge-new-${tick}`, question: 'nyt', answer: { title: 'y' }, at: later() };
        await s.saveAnswer(freshAnswer);
        const counts = await s.purge({ textBefore: cutoff, keysBefore: cutoff });
        expect(counts.feedback).toBeGreaterThanOrEqual(1);
        expect(counts.unanswered).toBeGreaterThanOrEqual(1);
        expect(counts.deliveryKeys).toBeGreaterThanOrEqual(1);
        const feedbackRows = await s.listFeedback(ALL);
        expect(feedbackRows).toContainEqual({ ...old, question: '' });
        expect(feedbackRows).toContainEqual(fresh);
        const questions = await s.listUnanswered(ALL);
        expect(questions).toContainEqual(freshQuestion);
        expect(questions).not.toContainEqual(oldQuestion);
        expect(await s.claimActivity(key, later())).toBe(true);
        expect(counts.sentAnswers).toBeGreaterThanOrEqual(1);
        expect(await s.findAnswer(oldAnswer.answerId)).toBeUndefined();
        expect(await s.findAnswer(freshAnswer.answerId)).toEqual(freshAnswer);
        // Nothing left to purge: a second run counts nothing before that cutoff.
        expect(await s.purge({ textBefore: cutoff, keysBefore: new Date(0) })).toEqual({ feedback: 0, unanswered: 0, sentAnswers: 0, deliveryKeys: 0 });
      });
    });

    describe('lifecycle', () => {
      it('pings while open; after close, ping and writes reject', async () => {
        const s = await store();
        await expect(s.ping()).resolves.toBeUndefined();
        await s.close();
        await expect(s.ping()).rejects.toThrow();
        await expect(s.recordFeedback(feedback())).rejects.toThrow();
      });

      it('closes idempotently', async () => {
        const s = await store();
        await expect(Promise.all([s.close(), s.close()])).resolves.toBeDefined();
        await expect(s.close()).resolves.toBeUndefined();
      });
    });
  });
}
