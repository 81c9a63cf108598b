// The loop's logic against a real (in-memory SQLite) store and a recording
// messenger: what goes to the channel, to the asker, and into the store.
import { createExpertLoop, type ApproveIntoKnowledge, type ExpertLoopDeps } from '../../src/experts/loop';
import type { Logger } from '../../src/log';
import type { OutgoingMessage, SendResult, StoredConversation } from '../../src/reminders/messenger';
import { openSqliteStore } from '../../src/storage/sqlite-store';
import { shippedKnowledgeBase } from '../support/knowledge-files';

type Store = Awaited<ReturnType<typeof openSqliteStore>>;
interface Call {
  readonly kind: 'send' | 'update';
  readonly to: string;
  readonly activityId?: string;
  readonly message: OutgoingMessage;
}

const kb = shippedKnowledgeBase();
const asker = { id: 'aad-asker', name: 'Mette Holm' };
const expert = { id: 'aad-expert', name: 'Anna Dahl' };
const other = { id: 'aad-other', name: 'Bo Berg' };
const askerChat: StoredConversation = { conversationId: 'a:asker-chat', serviceUrl: 'http://127.0.0.1:9/', tenantId: 't-1', reference: { user: { id: '29:asker' } } };
const QUESTION = 'Hvem sidder i styregruppen for Sikker By?';
// A press in the channel comes from the card's thread.
const CHANNEL_THREAD = '19:experts@thread.tacv2;messageid=activity-1';

async function setup(extra: Partial<ExpertLoopDeps> & { failures?: Record<string, SendResult[]>; store?: Store } = {}) {
  // A store passed in: a second instance on the same database.
  const store: Store = extra.store ?? (await openSqliteStore({ path: ':memory:' }));
  const calls: Call[] = [];
  const logs: string[] = [];
  const line = (level: string) => (m: string, f?: object) => logs.push(`${level} ${m} ${JSON.stringify(f ?? {})}`);
  const log: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
  let ids = 0;
  const failures = extra.failures ?? {};
  const answerFor = (to: string): SendResult => failures[to]?.shift() ?? { ok: true, activityId: `activity-${++ids}` };
  let clock = Date.parse('2026-12-01T08:00:00Z');
  const approved: Parameters<ApproveIntoKnowledge>[] = [];
  const loop = createExpertLoop({
    store,
    messenger: {
      send: async (target, message) => (calls.push({ kind: 'send', to: target.conversationId, message }), answerFor(target.conversationId)),
      update: async (target, activityId, message) => (calls.push({ kind: 'update', to: target.conversationId, activityId, message }), { ok: true, activityId }),
    },
    kb: () => kb,
    approveIntoKnowledge: async (...args) => (approved.push(args), { ok: true, entryId: 'ekspert-1', version: 'abc123' }),
    channelId: '19:experts@thread.tacv2',
    channelLang: 'da',
    timeZone: 'Europe/Copenhagen',
    now: () => new Date((clock += 60_000)),
    log,
    sleep: async () => undefined,
    random: () => 0.5,
    ...extra,
  });
  const ask = (question = QUESTION) => loop.ask({ asker, conversation: askerChat, question, lang: 'da', botAnswer: 'Det ved jeg desværre ikke.' });
  return { store, loop, calls, logs, approved, ask };
}

const cardText = (m: OutgoingMessage) => JSON.stringify(m.card);

describe('asking an expert', () => {
  it('posts the question in the experts\u2019 channel and tells the asker what goes there and when to expect an answer', async () => {
    const { store, calls, ask } = await setup();
    const reply = await ask();
    expect('text' in reply && reply.text).toMatch(/^Dit spørgsmål \(nr\. 1\) er sendt til Team Sikker By sammen med dit navn\. .*inden for 2 arbejdsdage/);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'send', to: '19:experts@thread.tacv2' });
    expect(cardText(calls[0]!.message)).toContain(QUESTION);
    expect(cardText(calls[0]!.message)).toContain('Mette Holm');
    const [q] = await store.listExpertQuestions({ limit: 10 });
    expect(q).toMatchObject({ status: 'open', question: QUESTION, asker, conversation: askerChat, card: { conversationId: '19:experts@thread.tacv2', activityId: 'activity-1' } });
  });

  it('says so, and stores nothing, when no experts\u2019 channel is set', async () => {
    const { store, calls, ask, logs } = await setup({ channelId: undefined });
    const reply = await ask();
    expect('text' in reply && reply.text).toMatch(/har endnu ikke en kanal/);
    expect(calls).toEqual([]);
    expect(await store.listExpertQuestions({ limit: 10 })).toEqual([]);
    expect(logs.some((l) => l.startsWith('warn'))).toBe(true);
  });

  it('retries a busy channel, and tells the asker plainly when the question could not be posted', async () => {
    const busy: SendResult = { ok: false, status: 503, error: 'busy' };
    const retried = await setup({ failures: { '19:experts@thread.tacv2': [busy, busy] } });
    expect('text' in (await retried.ask()) && 'sent').toBe('sent');
    expect(retried.calls).toHaveLength(3);
    expect((await retried.store.listExpertQuestions({ limit: 1 }))[0]?.card).toBeDefined();

    const gone = await setup({ failures: { '19:experts@thread.tacv2': [{ ok: false, status: 403, code: 'BotNotInConversationRoster', error: 'gone' }] } });
    const reply = await gone.ask();
    expect('text' in reply && reply.text).toMatch(/^Jeg kunne ikke nå Team Sikker By lige nu\. Dit spørgsmål \(nr\. 1\) er gemt/);
    expect(gone.calls).toHaveLength(1);
    const mine = await gone.loop.myQuestions(asker.id, 'da');
    expect('text' in mine && mine.text).toContain('venter på at blive sendt');
    // The background resend posts it once the channel answers (the clock has moved on a minute per call).
    expect(await gone.loop.resend()).toBe(1);
    expect(gone.calls.filter((c) => c.kind === 'send')).toHaveLength(2);
    expect((await gone.store.listExpertQuestions({ limit: 1 }))[0]?.card).toBeDefined();
    expect(await gone.loop.resend()).toBe(0);
  });

  it('posts a waiting question once when two instances resend at the same moment', async () => {
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const now = () => new Date(clock);
    const one = await setup({ now, failures: { '19:experts@thread.tacv2': [{ ok: false, status: 403, code: 'BotNotInConversationRoster', error: 'gone' }] } });
    await one.ask();
    const two = await setup({ now, store: one.store });
    clock += 2 * 60_000;
    const done = await Promise.all([one.loop.resend(), two.loop.resend()]);
    expect(done.sort()).toEqual([0, 1]);
    const posts = [...one.calls, ...two.calls].filter((c) => c.kind === 'send' && c.to === '19:experts@thread.tacv2');
    // The ask's failed post, and one from the resend.
    expect(posts).toHaveLength(2);
    expect((await one.store.listExpertQuestions({ limit: 1 }))[0]?.card).toBeDefined();
  });

  it('masks CPR numbers, e-mail addresses and phone numbers in what it stores and what the experts see', async () => {
    const { store, calls, ask } = await setup();
    await ask('Mit CPR-nummer er 010203-1234; skriv til mette@example.dk eller ring 12 34 56 78. Hvad gør jeg?');
    const [q] = await store.listExpertQuestions({ limit: 1 });
    expect(q?.question).toBe('Mit CPR-nummer er [CPR-nummer]; skriv til [e-mail] eller ring [telefonnummer]. Hvad gør jeg?');
    const card = cardText(calls[0]!.message);
    for (const personal of ['010203-1234', 'mette@example.dk', '12 34 56 78']) expect(card).not.toContain(personal);
    expect(card).toContain('[CPR-nummer]');
    // The asker's name still goes with it, so the experts can reach them.
    expect(card).toContain('Mette Holm');
  });

  it('queues a question the store cannot take, once, and tells the asker it is not lost', async () => {
    const queued: unknown[] = [];
    const { store, calls, ask } = await setup({ queueQuestion: async (q) => void queued.push(q) });
    const failing = (name: 'getSetting') => jest.spyOn(store, name).mockRejectedValue(new Error('connection refused'));
    failing('getSetting');
    const reply = await ask('Ring til mig på 12345678: hvem er min kontakt?');
    expect('text' in reply && reply.text).toMatch(/^Jeg har modtaget dit spørgsmål til Team Sikker By, men kan ikke sende det lige nu\. Det går ikke tabt/);
    await ask('Ring til mig på 12345678: hvem er min kontakt?');
    expect(queued).toEqual([expect.objectContaining({ question: 'Ring til mig på [telefonnummer]: hvem er min kontakt?', asker })]);
    expect(calls).toEqual([]);
  });

  it('sends a question once, however often the asker presses the button while it waits', async () => {
    const { store, calls, ask } = await setup();
    await ask();
    const again = await ask();
    expect('text' in again && again.text).toBe('Du har allerede sendt det spørgsmål til Team Sikker By (nr. 1); svaret kommer her i samtalen.');
    expect(calls).toHaveLength(1);
    expect(await store.listExpertQuestions({ limit: 10 })).toHaveLength(1);
  });

  it('sends later questions to the channel an admin named with "ekspertkanal"', async () => {
    const { loop, calls, ask } = await setup();
    const named: StoredConversation = { conversationId: '19:named@thread.tacv2', serviceUrl: 'http://127.0.0.1:8/', reference: { conversation: { id: '19:named@thread.tacv2' } } };
    const reply = await loop.setChannel(named, 'da');
    expect('text' in reply && reply.text).toMatch(/^Denne kanal er nu ekspertkanal/);
    await ask();
    expect(calls[0]?.to).toBe('19:named@thread.tacv2');
  });

  it('keeps question text and names out of the info log', async () => {
    const { loop, logs, ask } = await setup();
    await ask();
    await loop.claim(1, expert, CHANNEL_THREAD);
    await loop.answer(1, expert, CHANNEL_THREAD, 'Direktørerne i de syv forvaltninger.');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [QUESTION, 'Mette', 'Anna', 'Direktørerne']) expect(logs.join('\n')).not.toContain(secret);
  });
});

describe('in the experts\u2019 channel', () => {
  it('gives the question to the first who takes it, updates the card for everyone, and tells the second', async () => {
    const { loop, calls, ask } = await setup();
    await ask();
    const first = await loop.claim(1, expert, CHANNEL_THREAD);
    expect(first?.notice).toBeUndefined();
    expect(JSON.stringify(first?.card.card)).toContain('Taget af Anna Dahl');
    expect(calls.at(-1)).toMatchObject({ kind: 'update', to: '19:experts@thread.tacv2', activityId: 'activity-1' });
    const second = await loop.claim(1, other, CHANNEL_THREAD);
    expect(second?.notice).toBe('Anna Dahl har allerede taget spørgsmålet.');
    expect(calls.filter((c) => c.kind === 'update')).toHaveLength(1);
    expect(await loop.claim(99, other, CHANNEL_THREAD)).toBeUndefined();
  });

  it('delivers the first answer to the asker, shows the final state, and makes it a suggestion', async () => {
    const { store, loop, calls, ask } = await setup();
    await ask();
    await loop.claim(1, other, CHANNEL_THREAD);
    const result = await loop.answer(1, expert, CHANNEL_THREAD, '  Direktørerne i de syv forvaltninger.\r\n\r\n\r\n\r\nSe også strategien. ');
    expect(result?.notice).toBeUndefined();
    const toAsker = calls.find((c) => c.to === askerChat.conversationId);
    expect(toAsker?.kind).toBe('send');
    expect(cardText(toAsker!.message)).toContain('Direktørerne i de syv forvaltninger.\\n\\nSe også strategien.');
    expect(cardText(toAsker!.message)).toContain('Anna Dahl');
    expect(JSON.stringify(result?.card.card)).toContain('Spørgeren har fået svaret.');
    expect(calls.at(-1)).toMatchObject({ kind: 'update', activityId: 'activity-1' });
    expect((await store.getExpertQuestion(1))?.status).toBe('delivered');
    expect(await store.listSuggestions({ status: 'pending', limit: 10 })).toMatchObject([{ id: 1, questionId: 1, kind: 'new', question: QUESTION, answeredBy: expert }]);

    const late = await loop.answer(1, other, CHANNEL_THREAD, 'Et andet svar');
    expect(late?.notice).toBe('Anna Dahl har allerede besvaret spørgsmålet.');
    expect(calls.filter((c) => c.to === askerChat.conversationId)).toHaveLength(1);
  });

  it('delivers in the background an answer whose delivery was cut off (a store outage, a stopped instance), once', async () => {
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const { store, loop, calls, ask } = await setup({ now: () => new Date(clock) });
    await ask();
    // The answer is stored, then recording its delivery fails: the asker may or may not have it.
    const record = jest.spyOn(store, 'recordExpertDelivery').mockRejectedValueOnce(new Error('connection terminated'));
    await expect(loop.answer(1, expert, CHANNEL_THREAD, 'Direktørerne.')).rejects.toThrow('connection terminated');
    record.mockRestore();
    // Crashed before the send instead: nothing reached the asker. Either way the question stays answered.
    calls.splice(0);
    expect((await store.getExpertQuestion(1))?.status).toBe('answered');
    // Not while the press may still be delivering it (on another instance)…
    expect(await loop.resend()).toBe(0);
    expect(calls).toEqual([]);
    // …but once it is older than that.
    clock += 5 * 60_000;
    expect(await loop.resend()).toBe(1);
    const toAsker = calls.filter((c) => c.to === askerChat.conversationId);
    expect(toAsker).toHaveLength(1);
    expect(cardText(toAsker[0]!.message)).toContain('Direktørerne.');
    expect((await store.getExpertQuestion(1))?.status).toBe('delivered');
    expect(calls.at(-1)).toMatchObject({ kind: 'update', to: '19:experts@thread.tacv2', activityId: 'activity-1' });
    expect(await loop.resend()).toBe(0);
  });

  it('takes no claim, answer or rating from anywhere but where the card is', async () => {
    const { store, loop, calls, ask } = await setup();
    await ask();
    expect(await loop.claim(1, other, askerChat.conversationId)).toBeUndefined();
    expect(await loop.answer(1, other, '19:other@thread.tacv2', 'Et falsk svar')).toBeUndefined();
    expect((await store.getExpertQuestion(1))?.status).toBe('open');
    await loop.answer(1, expert, CHANNEL_THREAD, 'Svar');
    expect(await loop.rate(1, 'down', 'a:someone-else', 'da')).toBeUndefined();
    expect(await store.listFeedback(10)).toEqual([]);
    expect(calls.filter((c) => c.to === askerChat.conversationId)).toHaveLength(1);
  });

  it('refuses an empty answer and an unknown record, and changes nothing', async () => {
    const { store, loop, calls, ask } = await setup();
    await ask();
    expect((await loop.answer(1, expert, CHANNEL_THREAD, '   '))?.notice).toMatch(/Skriv svaret/);
    expect((await loop.answer(1, expert, CHANNEL_THREAD, 'x'.repeat(4001)))?.notice).toMatch(/højst 4000 tegn/);
    expect((await loop.answer(1, expert, CHANNEL_THREAD, 'Svar', 'findes-ikke'))?.notice).toMatch(/ingen post med id "findes-ikke"/);
    expect((await store.getExpertQuestion(1))?.status).toBe('open');
    expect(calls).toHaveLength(1);
    const pointed = await loop.answer(1, expert, CHANNEL_THREAD, 'Se Exit-programmet.', kb.initiatives[0]!.id);
    expect(pointed?.notice).toBeUndefined();
    expect((await store.listSuggestions({ limit: 10 }))[0]).toMatchObject({ kind: 'alternate', recordId: kb.initiatives[0]!.id });
  });

  it('says on the card when the answer could not reach the asker', async () => {
    const { store, loop, ask } = await setup({ failures: { [askerChat.conversationId]: [{ ok: false, status: 403, code: 'BotNotInConversationRoster', error: 'removed' }] } });
    await ask();
    const result = await loop.answer(1, expert, CHANNEL_THREAD, 'Svar');
    expect(JSON.stringify(result?.card.card)).toContain('Svaret kunne ikke leveres');
    expect(await store.getExpertQuestion(1)).toMatchObject({ status: 'undeliverable', delivery: { error: 'HTTP 403 BotNotInConversationRoster' } });
  });
});

describe('the asker', () => {
  it('sees their questions and rates the answer', async () => {
    const { store, loop, ask } = await setup();
    await ask();
    await ask('Hvornår mødes styregruppen?');
    await loop.answer(1, expert, CHANNEL_THREAD, 'Svar');
    const mine = await loop.myQuestions(asker.id, 'da');
    expect('text' in mine && mine.text.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      expect.stringMatching(/^- Nr\. 2, .*: Hvornår mødes styregruppen\? \(venter på en ekspert\)$/),
      expect.stringMatching(/^- Nr\. 1, .*\(besvaret 1\. december 2026 kl\. \d\d\.\d\d\)$/),
    ]);
    const rated = await loop.rate(1, 'down', askerChat.conversationId, 'da');
    expect(JSON.stringify(rated?.card)).toContain('Tak for din feedback.');
    expect(await store.listFeedback(1)).toMatchObject([{ answerId: 'expert/1', rating: 'down', question: QUESTION }]);
    expect(await loop.rate(2, 'up', askerChat.conversationId, 'da')).toBeUndefined(); // not answered yet
    const none = await loop.myQuestions('someone-else', 'en');
    expect('text' in none && none.text).toBe('You have not sent any questions to Team Sikker By.');
  });
});

describe('suggestions', () => {
  it('lists them, approves one into the knowledge base, rejects another, and tells a late admin', async () => {
    const { loop, approved, ask } = await setup();
    await ask();
    await ask('Hvornår mødes styregruppen?');
    await loop.answer(1, expert, CHANNEL_THREAD, 'Svar et');
    await loop.answer(2, expert, CHANNEL_THREAD, 'Svar [to](https://x.dk)');
    const list = await loop.suggestions('da');
    expect('text' in list && list.text).toContain('- **1**: Hvem sidder i styregruppen for Sikker By? → Svar et (Anna Dahl,');
    expect('text' in list && list.text).toContain('Svar \\[to\\](https:\u200B//x.dk)');
    const admin = { id: 'aad-admin', name: 'Admin Ahmed' };
    const ok = await loop.decide(1, 'approved', admin, 'da');
    expect('text' in ok && ok.text).toBe('Forslag 1 er godkendt og skrevet i vidensbasen som ekspert-1 (version abc123). Assistenten svarer selv på spørgsmålet fra nu af.');
    expect(approved).toHaveLength(1);
    expect(approved[0]?.[0]).toMatchObject({ id: 1, status: 'approved' });
    const late = await loop.decide(1, 'rejected', { id: 'x', name: 'Sen Søren' }, 'da');
    expect('text' in late && late.text).toBe('Forslag 1 er allerede godkendt af Admin Ahmed.');
    const no = await loop.decide(2, 'rejected', admin, 'da');
    expect('text' in no && no.text).toBe('Forslag 2 er afvist.');
    const empty = await loop.suggestions('en');
    expect('text' in empty && empty.text).toContain('No suggestions are waiting.');
    const missing = await loop.decide(7, 'approved', admin, 'da');
    expect('text' in missing && missing.text).toBe('Der er intet forslag nr. 7.');
  });

  it('leaves a suggestion pending when writing it into the knowledge folder fails', async () => {
    const { store, loop, ask } = await setup({ approveIntoKnowledge: async () => ({ ok: false, problems: ['expert-answers.yaml: expertAnswers[3].question: expected a string'] }) });
    await ask();
    await loop.answer(1, expert, CHANNEL_THREAD, 'Svar');
    const reply = await loop.decide(1, 'approved', expert, 'da');
    expect('text' in reply && reply.text).toMatch(/kunne ikke skrives i vidensbasen og venter stadig:\n\n- expert-answers.yaml: expertAnswers\[3\]/);
    expect((await store.getSuggestion(1))?.status).toBe('pending');
  });
});
