// Ask an expert from end to end, through the real HTTP endpoint and a fake Bot
// Connector: a question gets the fallback; Spørg en ekspert; a card appears in
// the experts' channel; an expert claims it and answers; the asker receives
// the answer; the channel card shows the final state; an admin approves the
// suggestion; the knowledge folder holds the new entry, the reload takes it,
// and the same question asked by someone else is answered from it. Then
// `npm run report` on the store the test filled.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { localDate } from '../../src/kernel/dates';
import { date } from '../../src/kernel/format';
import { cardIn, invoke, message, mentionMessage, submit, submitData, USER } from '../support/teams-activities';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';
import { startTestBot, type TestBot } from '../support/test-bot';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CHANNEL = '19:experts@thread.tacv2';
const ADMIN = { id: '29:admin', name: 'Admin Ahmed', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000000a' };
const ANNA = { id: '29:anna', name: 'Anna Dahl', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a1' };
const BO = { id: '29:bo', name: 'Bo Berg', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000b0' };
const OTHER = { id: '29:other', name: 'Anden Person', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c0' };
const QUESTION = 'Hvordan booker jeg en tryghedsvandring?';
const ANSWER = 'Skriv til Team Sikker By med bydel og ønsket dato; en tryghedsvandring aftales normalt to uger frem.';

/** How long an answer may take to reach the connector: far more than an answer needs, within the test's time limit. */
const ANSWER_WAIT_MS = 15_000;

let t: TestBot;
let dir: string;

const personal = (conversationId: string) => t.from('personal', { conversationId });
// A press in the channel arrives on the thread of the card; the bot posted the card to the channel itself.
const inChannel = () => t.from('channel', { conversationId: `${CHANNEL};messageid=1` });
const texts = (activity: Record<string, any> | undefined) => JSON.stringify(cardIn(activity ?? {}) ?? activity?.text ?? '');
const execute = (verb: string, data: object, from: object) =>
  invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, { ...inChannel(), ...from });

/** The first message the bot sends to the conversation after the question, waited for if it is still to come. */
async function ask(conversationId: string, question: string, from: object = USER) {
  const earlier = new Set(t.connector.to(conversationId));
  expect((await t.post({ ...message(question, personal(conversationId)), from })).status).toBe(200);
  // A slow answer (the first after a reload builds the index) comes after a typing indicator, and on a busy
  // machine after the turn's deadline, when the POST has already returned: the answer is sent on its own then.
  return t.connector.waitFor((s) => s.conversationId === conversationId && s.activity['type'] === 'message' && !earlier.has(s), ANSWER_WAIT_MS);
}

async function postAs(activity: Record<string, unknown>, from: object) {
  const res = await t.post({ ...activity, from });
  expect(res.status).toBe(200);
  return res;
}

// Both edges (botbuilder and the Agents SDK) carry the same conversation core.
describe.each(['botbuilder', 'agents'])('Ask an expert, end to end (%s edge)', (sdk) => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'experts-e2e-'));
    cpSync(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
    t = await startTestBot({
      env: {
        KNOWLEDGE_DIR: path.join(dir, 'knowledge'),
        SQLITE_PATH: path.join(dir, 'bot.sqlite'),
        ADMIN_IDS: ADMIN.aadObjectId,
        EXPERT_CHANNEL_ID: CHANNEL,
        BOT_SDK: sdk,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a question from the fallback to the experts, back to the asker, and into the knowledge base', async () => {
    // 1. The bot cannot answer, and offers the experts, saying what goes to them.
    const fallback = await ask('a:asker', QUESTION);
    const offered = submitData(cardIn(fallback.activity)).find((d) => d['action'] === 'expert.ask');
    expect(offered).toEqual({ action: 'expert.ask', answerId: expect.any(String) });
    expect(texts(fallback.activity)).toContain('Dit spørgsmål og dit navn sendes til Team Sikker By');

    // 2. Spørg en ekspert: the asker is told, and the card appears in the experts' channel.
    await postAs(submit(offered, { ...personal('a:asker'), replyToId: fallback.id }), USER);
    const told = t.connector.to('a:asker').at(-1);
    expect(told?.activity.text).toMatch(/^Dit spørgsmål \(nr\. 1\) er sendt til Team Sikker By sammen med dit navn\. Du kan normalt forvente et svar inden for 2 arbejdsdage/);
    const posted = t.connector.to(CHANNEL).find((s) => s.method === 'POST');
    expect(posted).toBeDefined();
    expect(texts(posted!.activity)).toContain(QUESTION);
    expect(texts(posted!.activity)).toContain(USER.name);
    expect(texts(posted!.activity)).toContain('Det ved jeg ikke');
    expect(posted!.activity.summary).toMatch(/^Spørgsmål nr\. 1 til Team Sikker By/);

    // 3. Anna takes it (Action.Execute): the response and the channel's copy show who has it; Bo is told.
    const claimed = await postAs(execute('expert.claim', { questionId: 1 }, {}), ANNA);
    const claimedCard = (await claimed.json()) as { statusCode: number; value: unknown };
    expect(claimedCard.statusCode).toBe(200);
    expect(JSON.stringify(claimedCard.value)).toContain('Taget af Anna Dahl');
    expect(t.connector.to(CHANNEL).some((s) => s.method === 'PUT' && s.targetId === posted!.id && texts(s.activity).includes('Taget af Anna Dahl'))).toBe(true);
    const late = await postAs(execute('expert.claim', { questionId: 1 }, {}), BO);
    expect(JSON.stringify(((await late.json()) as { value: unknown }).value)).toContain('Anna Dahl har allerede taget spørgsmålet.');

    // 4. Anna answers through the Action.Submit fallback, with the card's input values.
    await postAs(submit({ action: 'expert.answer', questionId: 1, answer: ANSWER, recordId: '' }, { ...inChannel(), replyToId: posted!.id }), ANNA);

    // 5. The asker gets the answer where they asked, saying who answered and when, with 👍 / 👎.
    const delivered = t.connector.to('a:asker').at(-1);
    expect(delivered?.method).toBe('POST');
    expect(texts(delivered!.activity)).toContain(ANSWER);
    expect(texts(delivered!.activity)).toContain('Anna Dahl');
    expect(submitData(cardIn(delivered!.activity)).map((d) => d['rating'])).toEqual(['up', 'down']);

    // 6. The channel card shows the final state, without buttons.
    const final = t.connector.to(CHANNEL).filter((s) => s.method === 'PUT' && s.targetId === posted!.id).at(-1);
    expect(texts(final!.activity)).toContain('Besvaret af Anna Dahl');
    expect(texts(final!.activity)).toContain('Spørgeren har fået svaret.');
    expect(cardIn(final!.activity)?.['actions']).toEqual([]);
    expect((await t.bot.store.getExpertQuestion(1))?.status).toBe('delivered');

    // 7. The asker rates it; the rating is the answer's.
    await postAs(submit({ action: 'expert.rate', questionId: 1, rating: 'up' }, { ...personal('a:asker'), replyToId: delivered!.id }), USER);
    expect(await t.bot.store.listFeedback(1)).toMatchObject([{ answerId: 'expert/1', rating: 'up', question: QUESTION }]);

    // 8. An admin sees the suggestion and approves it.
    await ask('a:admin', 'forslag', ADMIN);
    expect(t.connector.to('a:admin').at(-1)?.activity.text).toContain(`- **1**: ${QUESTION} → Skriv til Team Sikker By`);
    await ask('a:admin', 'godkend 1', ADMIN);
    expect(t.connector.to('a:admin').at(-1)?.activity.text).toMatch(/^Forslag 1 er godkendt og skrevet i vidensbasen som ekspert-1 \(version [0-9a-f]{12}\)\./);

    // 9. The knowledge folder holds the entry, checked like the rest.
    const file = parse(readFileSync(path.join(dir, 'knowledge', 'expert-answers.yaml'), 'utf8'));
    const today = localDate(new Date(), 'Europe/Copenhagen');
    expect(file.expertAnswers).toEqual([
      { id: 'ekspert-1', question: QUESTION, alternates: [], answer: ANSWER, lang: 'da', answered: today, answeredBy: 'Anna Dahl', approved: today, approvedBy: 'Admin Ahmed' },
    ]);

    // 10. Someone else asks the same question: the bot answers it itself, citing Team Sikker By.
    const answered = await ask('a:other', QUESTION, OTHER);
    const card = texts(answered.activity);
    expect(card).toContain(ANSWER);
    expect(card).toContain(`Kilde: Svar fra Team Sikker By, ${date(today, 'da')}, godkendt af Admin Ahmed`);
    expect(submitData(cardIn(answered.activity)).some((d) => d['action'] === 'expert.ask')).toBe(false);
  });

  it('lists the asker\u2019s questions', async () => {
    await ask('a:asker', 'mine spørgsmål');
    expect(t.connector.to('a:asker').at(-1)?.activity.text).toMatch(new RegExp(`^\\*\\*Dine spørgsmål til Team Sikker By\\*\\*\\n\\n- Nr\\. 1, .*: ${QUESTION.replace('?', '\\?')} \\(besvaret `));
  });

  it('says in the channel when the answer could not reach the asker, who left', async () => {
    const fallback = await ask('a:leaver', 'Må jeg tage min hund med på arbejde?', OTHER);
    const offered = submitData(cardIn(fallback.activity)).find((d) => d['action'] === 'expert.ask');
    await postAs(submit(offered, personal('a:leaver')), OTHER);
    const q = (await t.bot.store.listExpertQuestions({ askerId: OTHER.aadObjectId, limit: 1 }))[0]!;
    t.connector.fail({ route: 'send', conversationId: 'a:leaver', status: 403, code: 'BotNotInConversationRoster', times: 3 });
    const res = await postAs(execute('expert.answer', { questionId: q.id, answer: 'Nej, desværre.' }, {}), ANNA);
    const body = JSON.stringify(((await res.json()) as { value: unknown }).value);
    expect(body).toContain('Svaret kunne ikke leveres');
    expect((await t.bot.store.getExpertQuestion(q.id))?.status).toBe('undeliverable');
  });

  it('leaves one answer when two experts answer at the same moment', async () => {
    const fallback = await ask('a:race', 'Hvor kan jeg låne en cykel?', OTHER);
    const offered = submitData(cardIn(fallback.activity)).find((d) => d['action'] === 'expert.ask');
    await postAs(submit(offered, personal('a:race')), OTHER);
    const q = (await t.bot.store.listExpertQuestions({ askerId: OTHER.aadObjectId, limit: 1 }))[0]!;
    const before = t.connector.to('a:race').length;
    const [anna, bo] = await Promise.all([
      t.post({ ...execute('expert.answer', { questionId: q.id, answer: 'Annas svar' }, {}), from: ANNA }),
      t.post({ ...execute('expert.answer', { questionId: q.id, answer: 'Bos svar' }, {}), from: BO }),
    ]);
    const cards = await Promise.all([anna, bo].map(async (r) => JSON.stringify(((await r.json()) as { value: unknown }).value)));
    const winner = (await t.bot.store.getExpertQuestion(q.id))?.answer?.by.name;
    expect(['Anna Dahl', 'Bo Berg']).toContain(winner);
    expect(cards.filter((c) => c.includes('har allerede besvaret spørgsmålet'))).toHaveLength(1);
    const toAsker = t.connector.to('a:race').slice(before);
    expect(toAsker).toHaveLength(1);
    expect(texts(toAsker[0]!.activity)).toContain(winner === 'Anna Dahl' ? 'Annas svar' : 'Bos svar');
  });

  it('offers the experts after a 👎 on an answer, and sends that answer\u2019s question', async () => {
    const answered = await ask('a:thumbs', 'Hvad er Exit KK?', OTHER);
    expect(submitData(cardIn(answered.activity)).some((d) => d['action'] === 'expert.ask')).toBe(false);
    const down = submitData(cardIn(answered.activity)).find((d) => d['rating'] === 'down');
    const before = t.connector.to('a:thumbs').length;
    await postAs(submit(down, { ...personal('a:thumbs'), replyToId: answered.id }), OTHER);
    const offer = t.connector.to('a:thumbs').slice(before).find((s) => s.method === 'POST' && texts(s.activity).includes('Spørg en ekspert'));
    expect(texts(offer?.activity)).toContain('Dit spørgsmål og dit navn sendes til Team Sikker By');
    const channelCards = t.connector.to(CHANNEL).filter((s) => s.method === 'POST').length;
    await postAs(submit(submitData(cardIn(offer!.activity))[0], personal('a:thumbs')), OTHER);
    const posted = t.connector.to(CHANNEL).filter((s) => s.method === 'POST');
    expect(posted).toHaveLength(channelCards + 1);
    expect(texts(posted.at(-1)!.activity)).toContain('Hvad er Exit KK?');
  });

  it('takes no answer pressed outside the experts\u2019 channel', async () => {
    const forged = submit({ action: 'expert.answer', questionId: 1, answer: 'Forfalsket' }, personal('a:forger'));
    await postAs(forged, OTHER);
    expect(t.connector.to('a:forger').at(-1)?.activity.text).toBe('Den knap forstod jeg ikke. Skriv gerne dit spørgsmål i stedet.');
    expect((await t.bot.store.getExpertQuestion(1))?.answer?.text).toBe(ANSWER);
  });

  it('lets only an admin name the experts\u2019 channel, in a channel', async () => {
    const named = '19:named@thread.tacv2';
    await postAs(mentionMessage('ekspertkanal', t.from('channel', { conversationId: named })), BO);
    expect(t.connector.to(named).at(-1)?.activity.text).toBe('Den kommando er kun for administratorer af Sikker By-assistenten.');
    await postAs(mentionMessage('ekspertkanal', t.from('channel', { conversationId: named })), ADMIN);
    expect(t.connector.to(named).at(-1)?.activity.text).toMatch(/^Denne kanal er nu ekspertkanal/);
    expect(await t.bot.store.getSetting('expertChannel')).toMatchObject({ conversationId: named });
  });

  it('keeps questions, answers and names out of the log at info', () => {
    const log = t.logs.join('\n');
    expect(log).toContain('a question was sent to the experts');
    for (const secret of [QUESTION, ANSWER, 'Anna Dahl', 'Admin Ahmed', USER.name, 'Annas svar']) expect(log).not.toContain(secret);
  });

  it('gives the editors their report: npm run report on this store', () => {
    const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'src', 'experts', 'report-cli.ts')], {
      encoding: 'utf8',
      env: { ...process.env, SQLITE_PATH: path.join(dir, 'bot.sqlite'), DATABASE_URL: '', TIME_ZONE: 'Europe/Copenhagen', DEFAULT_LANG: 'da' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    if (process.env['PRINT_REPORT']) console.log(run.stdout);
    expect(run.stdout).toContain(`| 1 | ${QUESTION} |  |`);
    expect(run.stdout).toContain('- Åbne: 1');
    expect(run.stdout).toContain('- Besvaret: 3 (heraf ikke leveret: 1)');
    expect(run.stdout).toMatch(/\| 2026-W\d\d \| \d+ \| \d+ \| \d+ % \|/);
  });
});
