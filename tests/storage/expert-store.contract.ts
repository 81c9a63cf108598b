// The one contract every ExpertStore implementation passes (practices.md, 5).
//
// As in store.contract.ts, `open` gives a new store over the same database on
// every call, so rows outlive their test: tests use askers of their own and
// look only at the questions and suggestions they created.
import { MAX_ANSWER_CHARS, PURGED, type ExpertStore, type NewExpertQuestion, type Person } from '../../src/storage/expert-store';
import { InvalidStoreInputError } from '../../src/storage/rows';
import type { Store } from '../../src/storage/store';

type OpenExpertStore = () => Promise<ExpertStore & Pick<Store, 'close'>>;

export function expertStoreContract(name: string, open: OpenExpertStore, cleanup?: () => Promise<void>): void {
  describe(`${name} (ExpertStore contract)`, () => {
    const opened: Array<Awaited<ReturnType<OpenExpertStore>>> = [];
    async function store() {
      const s = await open();
      opened.push(s);
      return s;
    }
    afterEach(() => Promise.all(opened.splice(0).map((s) => s.close())));
    if (cleanup) afterAll(cleanup);

    // Odd milliseconds, so a store that keeps only seconds fails the round trips.
    let tick = 0;
    const later = () => new Date(Date.UTC(2031, 0, 1, 8, 0, 0, 7) + ++tick * 60_001);
    const person = (who: string): Person => ({ id: `${who}-${++tick}-0000-aaaa`, name: `${who} Æblegaard` });
    const asked = (extra: Partial<NewExpertQuestion> = {}): NewExpertQuestion => ({
      question: 'Hvem sidder i styregruppen for Sikker By? 🙂',
      lang: 'da',
      asker: person('asker'),
      conversation: {
        conversationId: `a:personal-${++tick}`,
        serviceUrl: 'http://127.0.0.1:9/',
        tenantId: 'tenant-1',
        reference: { conversation: { id: `a:personal-${tick}` }, bot: { id: '28:bot' }, nested: [1, 'to', null] },
      },
      botAnswer: 'Det ved jeg desværre ikke.',
      askedAt: later(),
      ...extra,
    });

    describe('questions', () => {
      it('stores a question as open, numbered, and gives every field back', async () => {
        const s = await store();
        const input = asked();
        const q = await s.addExpertQuestion(input);
        expect(q).toEqual({ ...input, id: expect.any(Number), status: 'open' });
        expect(await s.getExpertQuestion(q.id)).toEqual(q);
        expect(q.askedAt.getTime()).toBe(input.askedAt.getTime());
        const next = await s.addExpertQuestion(asked({ botAnswer: undefined }));
        expect(next.id).toBeGreaterThan(q.id);
        expect(next).not.toHaveProperty('botAnswer');
        expect(await s.getExpertQuestion(999_999_999)).toBeUndefined();
      });

      it("lists an asker's questions newest first, whatever the id's case, filtered by status and time", async () => {
        const s = await store();
        const asker = person('lister');
        const first = await s.addExpertQuestion(asked({ asker }));
        const second = await s.addExpertQuestion(asked({ asker }));
        await s.addExpertQuestion(asked());
        const answeredTime = later();
        await s.answerExpertQuestion(first.id, { text: 'Svar', by: person('expert'), at: answeredTime });
        const mine = await s.listExpertQuestions({ askerId: asker.id.toUpperCase(), limit: 10 });
        expect(mine.map((q) => q.id)).toEqual([second.id, first.id]);
        expect((await s.listExpertQuestions({ askerId: asker.id, statuses: ['open', 'claimed'], limit: 10 })).map((q) => q.id)).toEqual([second.id]);
        expect((await s.listExpertQuestions({ askerId: asker.id, since: second.askedAt, limit: 10 })).map((q) => q.id)).toEqual([second.id]);
        expect(await s.listExpertQuestions({ askerId: asker.id, limit: 1 })).toHaveLength(1);
      });

      it('remembers where the card in the experts\' channel is', async () => {
        const s = await store();
        const q = await s.addExpertQuestion(asked());
        await s.setExpertCard(q.id, { conversationId: '19:experts@thread.tacv2', activityId: 'activity-1' });
        expect((await s.getExpertQuestion(q.id))?.card).toEqual({ conversationId: '19:experts@thread.tacv2', activityId: 'activity-1' });
      });

      it('refuses invalid questions before writing anything', async () => {
        const s = await store();
        const asker = person('invalid');
        for (const bad of [{ question: '  ' }, { question: 'x'.repeat(2001) }, { question: 'nul\u0000' }, { asker: { id: asker.id, name: '' } }]) {
          await expect(s.addExpertQuestion(asked({ asker, ...bad } as Partial<NewExpertQuestion>))).rejects.toThrow(InvalidStoreInputError);
        }
        expect(await s.listExpertQuestions({ askerId: asker.id, limit: 10 })).toEqual([]);
      });
    });

    describe('claims', () => {
      it('gives a question to the first who claims it and tells the second who has it', async () => {
        const s = await store();
        const q = await s.addExpertQuestion(asked());
        const [anna, bo] = [person('anna'), person('bo')];
        const at = later();
        const first = await s.claimExpertQuestion(q.id, anna, at);
        expect(first).toEqual({ won: true, value: { ...q, status: 'claimed', claim: { by: anna, at } } });
        const second = await s.claimExpertQuestion(q.id, bo, later());
        expect(second).toEqual({ won: false, value: first?.value });
        expect(await s.claimExpertQuestion(999_999_999, bo, later())).toBeUndefined();
      });

      it('leaves one winner when two claim at the same moment', async () => {
        const [one, two] = await Promise.all([store(), store()]);
        const q = await one.addExpertQuestion(asked());
        const at = later();
        const results = await Promise.all([one.claimExpertQuestion(q.id, person('one'), at), two.claimExpertQuestion(q.id, person('two'), at)]);
        expect(results.filter((r) => r?.won)).toHaveLength(1);
        const winner = results.find((r) => r?.won)?.value.claim;
        expect(results.map((r) => r?.value.claim)).toEqual([winner, winner]);
      });
    });

    describe('answers', () => {
      it('takes the first answer, claimed by someone else or not, and makes it a pending suggestion', async () => {
        const s = await store();
        const q = await s.addExpertQuestion(asked());
        await s.claimExpertQuestion(q.id, person('claimer'), later());
        const expert = person('expert');
        const answer = { text: 'Styregruppen består af direktørerne.', by: expert, at: later() };
        const result = await s.answerExpertQuestion(q.id, answer);
        expect(result?.won).toBe(true);
        expect(result?.value.question).toMatchObject({ id: q.id, status: 'answered', answer });
        expect(result?.value.suggestion).toEqual({
          id: expect.any(Number),
          questionId: q.id,
          kind: 'new',
          question: q.question,
          answer: answer.text,
          answeredBy: expert,
          answeredAt: answer.at,
          status: 'pending',
        });
        const again = await s.answerExpertQuestion(q.id, { text: 'Et andet svar', by: person('late'), at: later() });
        expect(again).toEqual({ won: false, value: { question: result?.value.question } });
        expect(await s.getSuggestion(result?.value.suggestion?.id ?? 0)).toEqual(result?.value.suggestion);
      });

      it('makes an answer that points to a record an alternate question for it', async () => {
        const s = await store();
        const q = await s.addExpertQuestion(asked());
        const result = await s.answerExpertQuestion(q.id, { text: 'Se Exit-programmet.', by: person('expert'), at: later(), recordId: 'exit-kk' });
        expect(result?.value.question.answer?.recordId).toBe('exit-kk');
        expect(result?.value.suggestion).toMatchObject({ kind: 'alternate', recordId: 'exit-kk' });
      });

      it('leaves one answer and one suggestion when two experts answer at the same moment', async () => {
        const [one, two] = await Promise.all([store(), store()]);
        const q = await one.addExpertQuestion(asked());
        const at = later();
        const results = await Promise.all([
          one.answerExpertQuestion(q.id, { text: 'Svar et', by: person('one'), at }),
          two.answerExpertQuestion(q.id, { text: 'Svar to', by: person('two'), at }),
        ]);
        expect(results.map((r) => r?.won).sort()).toEqual([false, true]);
        const winner = results.find((r) => r?.won);
        const loser = results.find((r) => !r?.won);
        expect(loser?.value.question.answer).toEqual(winner?.value.question.answer);
        const suggestions = (await one.listSuggestions({ limit: 100_000 })).filter((x) => x.questionId === q.id);
        expect(suggestions).toEqual([winner?.value.suggestion]);
      });

      it('checks an answer like any input: not empty, not too long', async () => {
        const s = await store();
        const q = await s.addExpertQuestion(asked());
        for (const text of ['   ', 'x'.repeat(MAX_ANSWER_CHARS + 1)]) {
          await expect(s.answerExpertQuestion(q.id, { text, by: person('expert'), at: later() })).rejects.toThrow(InvalidStoreInputError);
        }
        expect((await s.getExpertQuestion(q.id))?.status).toBe('open');
        const long = 'ø'.repeat(MAX_ANSWER_CHARS);
        expect((await s.answerExpertQuestion(q.id, { text: long, by: person('expert'), at: later() }))?.value.question.answer?.text).toBe(long);
      });

      it('records once whether the answer reached the asker', async () => {
        const s = await store();
        const [reached, lost] = [await s.addExpertQuestion(asked()), await s.addExpertQuestion(asked())];
        expect(await s.recordExpertDelivery(reached.id, { at: later() })).toBe(false); // not answered yet
        for (const q of [reached, lost]) await s.answerExpertQuestion(q.id, { text: 'Svar', by: person('expert'), at: later() });
        const at = later();
        expect(await s.recordExpertDelivery(reached.id, { at })).toBe(true);
        expect(await s.recordExpertDelivery(lost.id, { at, error: '403 BotNotInConversationRoster' })).toBe(true);
        expect(await s.recordExpertDelivery(lost.id, { at: later() })).toBe(false);
        expect(await s.getExpertQuestion(reached.id)).toMatchObject({ status: 'delivered', delivery: { at } });
        expect((await s.getExpertQuestion(reached.id))?.delivery).not.toHaveProperty('error');
        expect(await s.getExpertQuestion(lost.id)).toMatchObject({ status: 'undeliverable', delivery: { at, error: '403 BotNotInConversationRoster' } });
      });
    });

    describe('suggestions', () => {
      async function suggested(s: ExpertStore) {
        const q = await s.addExpertQuestion(asked());
        const result = await s.answerExpertQuestion(q.id, { text: 'Svar', by: person('expert'), at: later() });
        if (!result?.value.suggestion) throw new Error('no suggestion');
        return result.value.suggestion;
      }

      it('lists pending suggestions oldest first and lets the first decision win', async () => {
        const s = await store();
        const [a, b] = [await suggested(s), await suggested(s)];
        const pending = (await s.listSuggestions({ status: 'pending', limit: 100_000 })).map((x) => x.id);
        expect(pending.indexOf(a.id)).toBeLessThan(pending.indexOf(b.id));
        const admin = person('admin');
        const at = later();
        expect(await s.decideSuggestion(a.id, { decision: 'approved', by: admin, at })).toEqual({ won: true, value: { ...a, status: 'approved', decision: { by: admin, at } } });
        const late = await s.decideSuggestion(a.id, { decision: 'rejected', by: person('other'), at: later() });
        expect(late).toEqual({ won: false, value: { ...a, status: 'approved', decision: { by: admin, at } } });
        expect((await s.listSuggestions({ status: 'pending', limit: 100_000 })).map((x) => x.id)).not.toContain(a.id);
        expect((await s.listSuggestions({ status: 'approved', limit: 100_000 })).map((x) => x.id)).toContain(a.id);
        expect(await s.decideSuggestion(999_999_999, { decision: 'approved', by: admin, at })).toBeUndefined();
      });

      it('leaves one decision when two admins decide at the same moment, and can reopen one', async () => {
        const [one, two] = await Promise.all([store(), store()]);
        const x = await suggested(one);
        const at = later();
        const results = await Promise.all([
          one.decideSuggestion(x.id, { decision: 'approved', by: person('one'), at }),
          two.decideSuggestion(x.id, { decision: 'rejected', by: person('two'), at }),
        ]);
        expect(results.filter((r) => r?.won)).toHaveLength(1);
        await one.reopenSuggestion(x.id);
        expect(await two.getSuggestion(x.id)).toEqual(x);
      });
    });

    describe('retention', () => {
      it("empties finished questions and decided suggestions from before the cutoff, and keeps what is still to answer, deliver or decide", async () => {
        const s = await store();
        const expert = person('expert');
        const answer = (id: number) => s.answerExpertQuestion(id, { text: 'Svar med 12 34 56 78', by: expert, at: later() });
        // Before the cutoff: delivered, undeliverable (with a decided suggestion), still open, answered but not delivered (pending suggestion).
        const delivered = await s.addExpertQuestion(asked());
        const undeliverable = await s.addExpertQuestion(asked());
        const open = await s.addExpertQuestion(asked());
        const waiting = await s.addExpertQuestion(asked());
        for (const q of [delivered, undeliverable, waiting]) await answer(q.id);
        await s.recordExpertDelivery(delivered.id, { at: later() });
        await s.recordExpertDelivery(undeliverable.id, { at: later(), error: '403' });
        const decided = (await s.listSuggestions({ limit: 100_000 })).find((x) => x.questionId === undeliverable.id)!;
        await s.decideSuggestion(decided.id, { decision: 'approved', by: person('admin'), at: later() });
        const pending = (await s.listSuggestions({ limit: 100_000 })).find((x) => x.questionId === waiting.id)!;
        const cutoff = later();
        // After it: delivered, but within the period.
        const recent = await s.addExpertQuestion(asked());
        await answer(recent.id);
        await s.recordExpertDelivery(recent.id, { at: later() });
        const recentBefore = await s.getExpertQuestion(recent.id);

        const counts = await s.purgeExpertText(cutoff);
        expect(counts.questions).toBeGreaterThanOrEqual(2);
        expect(counts.suggestions).toBeGreaterThanOrEqual(1);
        for (const q of [delivered, undeliverable]) {
          const purged = await s.getExpertQuestion(q.id);
          expect(purged).toMatchObject({ question: PURGED.text, asker: { id: PURGED.askerId, name: PURGED.askerName }, answer: { text: PURGED.text, by: expert } });
          expect(purged).not.toHaveProperty('botAnswer');
          // The conversation keeps its id (no reference): the status and times stay for the report.
          expect(purged?.conversation).toEqual({ conversationId: q.conversation.conversationId, serviceUrl: q.conversation.serviceUrl, reference: null });
          expect(purged?.askedAt).toEqual(q.askedAt);
          expect(JSON.stringify(purged)).not.toContain(q.asker.id);
        }
        expect((await s.getExpertQuestion(delivered.id))?.status).toBe('delivered');
        expect(await s.getSuggestion(decided.id)).toMatchObject({ question: PURGED.text, answer: PURGED.text, status: 'approved', answeredBy: expert });
        // Still needed: kept whole.
        expect(await s.getExpertQuestion(open.id)).toEqual(open);
        expect(await s.getExpertQuestion(waiting.id)).toMatchObject({ question: waiting.question, asker: waiting.asker, conversation: waiting.conversation, status: 'answered' });
        expect(await s.getSuggestion(pending.id)).toEqual(pending);
        expect(await s.getExpertQuestion(recent.id)).toEqual(recentBefore);
        // Nothing left to purge before that cutoff.
        expect(await s.purgeExpertText(cutoff)).toEqual({ questions: 0, suggestions: 0 });
      });
    });

    describe('settings and answer outcomes', () => {
      it('keeps the newest value of a setting', async () => {
        const s = await store();
        const channel = { conversationId: '19:a@thread.tacv2', reference: { nested: { æ: [1, 2] } } };
        await s.setSetting('expertChannel', channel, later());
        expect(await (await store()).getSetting('expertChannel')).toEqual(channel);
        await s.setSetting('expertChannel', { conversationId: '19:b@thread.tacv2' }, later());
        expect(await s.getSetting('expertChannel')).toEqual({ conversationId: '19:b@thread.tacv2' });
      });

      it('lists answer outcomes from a time on, oldest first', async () => {
        const s = await store();
        const [before, from, after] = [later(), later(), later()];
        await s.recordAnswerOutcome({ outcome: 'answered', at: after });
        await s.recordAnswerOutcome({ outcome: 'fallback', at: from });
        await s.recordAnswerOutcome({ outcome: 'answered', at: before });
        const listed = await s.listAnswerOutcomes(from);
        expect(listed.slice(0, 2)).toEqual([
          { outcome: 'fallback', at: from },
          { outcome: 'answered', at: after },
        ]);
        await expect(s.recordAnswerOutcome({ outcome: 'maybe' as 'answered', at: later() })).rejects.toThrow(InvalidStoreInputError);
      });
    });
  });
}
