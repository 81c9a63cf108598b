// Two bot instances on one PostgreSQL and one knowledge folder, as behind a
// load balancer: a question asked on one is claimed and answered on both at
// the same moment, and one expert wins each time; a suggestion approved on
// one is answered from on the other. Runs against the real PostgreSQL and
// fails (never skips) when there is none.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { cardIn, invoke, message, submit, submitData, USER } from '../support/teams-activities';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';
import { startTestBot, type TestBot } from '../support/test-bot';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `t_experts_${process.pid}_${Date.now()}`;
const CHANNEL = '19:experts@thread.tacv2';
const ADMIN = { id: '29:admin', name: 'Admin Ahmed', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000000a' };
const ANNA = { id: '29:anna', name: 'Anna Dahl', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a1' };
const BO = { id: '29:bo', name: 'Bo Berg', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000b0' };
const QUESTION = 'Hvordan booker jeg en tryghedsvandring?';

let dir: string;
let one: TestBot;
let two: TestBot;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'experts-instances-'));
  cpSync(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
  const instance = () =>
    startTestBot({
      env: { KNOWLEDGE_DIR: path.join(dir, 'knowledge'), ADMIN_IDS: ADMIN.aadObjectId, EXPERT_CHANNEL_ID: CHANNEL },
      configure: (c) => ({ ...c, database: { kind: 'postgres', connectionString, schema } }),
    });
  one = await instance();
  two = await instance();
});
afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
  const client = new Client({ connectionString });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
  rmSync(dir, { recursive: true, force: true });
});

const execute = (t: TestBot, verb: string, data: object) =>
  invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, t.from('channel', { conversationId: `${CHANNEL};messageid=1` }));
const cardOf = async (res: Response) => JSON.stringify(((await res.json()) as { value: unknown }).value);

async function lastMessage(t: TestBot, conversationId: string, before: number) {
  // The first answer after a reload may come after a typing indicator.
  return (await t.connector.waitFor((s) => s.conversationId === conversationId && s.activity['type'] === 'message' && t.connector.to(conversationId).indexOf(s) >= before, 10_000)).activity;
}

it('gives each claim and each answer to one expert, whichever instance they press on', async () => {
  // The question is asked on instance one.
  expect((await one.post(message(QUESTION, one.from('personal', { conversationId: 'a:asker' })))).status).toBe(200);
  const fallback = await lastMessage(one, 'a:asker', 0);
  const offered = submitData(cardIn(fallback)).find((d) => d['action'] === 'expert.ask');
  expect((await one.post(submit(offered, one.from('personal', { conversationId: 'a:asker' })))).status).toBe(200);
  const [q] = await two.bot.store.listExpertQuestions({ limit: 10 });
  expect(q).toMatchObject({ id: 1, status: 'open', question: QUESTION });

  // Anna presses Tag den on one while Bo presses it on two.
  const claims = await Promise.all([one.post({ ...execute(one, 'expert.claim', { questionId: 1 }), from: ANNA }), two.post({ ...execute(two, 'expert.claim', { questionId: 1 }), from: BO })]);
  const claimCards = await Promise.all(claims.map(cardOf));
  const claimedBy = (await one.bot.store.getExpertQuestion(1))?.claim?.by.name;
  expect(['Anna Dahl', 'Bo Berg']).toContain(claimedBy);
  expect(claimCards.filter((c) => c.includes(`${claimedBy} har allerede taget spørgsmålet.`))).toHaveLength(1);

  // Both answer at the same moment: one answer reaches the asker, one suggestion waits.
  const before = one.connector.to('a:asker').length;
  const answers = await Promise.all([
    one.post({ ...execute(one, 'expert.answer', { questionId: 1, answer: 'Annas svar: skriv til Team Sikker By.' }), from: ANNA }),
    two.post({ ...execute(two, 'expert.answer', { questionId: 1, answer: 'Bos svar: skriv til Team Sikker By.' }), from: BO }),
  ]);
  const answerCards = await Promise.all(answers.map(cardOf));
  const answered = await two.bot.store.getExpertQuestion(1);
  expect(answered?.status).toBe('delivered');
  expect(answerCards.filter((c) => c.includes('har allerede besvaret spørgsmålet.'))).toHaveLength(1);
  const toAsker = one.connector.to('a:asker').slice(before);
  expect(toAsker).toHaveLength(1);
  expect(JSON.stringify(cardIn(toAsker[0]!.activity))).toContain(answered!.answer!.text);
  expect(await one.bot.store.listSuggestions({ limit: 10 })).toHaveLength(1);

  // Approved on two; instance one, which shares the knowledge folder, answers from it.
  expect((await two.post({ ...message('godkend 1', two.from('personal', { conversationId: 'a:admin' })), from: ADMIN })).status).toBe(200);
  expect((await two.connector.waitFor((s) => s.conversationId === 'a:admin' && s.activity['type'] === 'message', 10_000)).activity['text']).toMatch(/^Forslag 1 er godkendt/);
  const asked = async () => {
    const at = one.connector.to('a:someone').length;
    await one.post({ ...message(QUESTION, one.from('personal', { conversationId: 'a:someone' })), from: { ...USER, id: '29:someone' } });
    return JSON.stringify(cardIn(await lastMessage(one, 'a:someone', at)));
  };
  // Instance one sees the new file when its folder watcher reloads (debounced 500 ms).
  let card = '';
  for (let i = 0; i < 40 && !card.includes('Svar fra Team Sikker By'); i++) {
    card = await asked();
    if (!card.includes('Svar fra Team Sikker By')) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(card).toContain(answered!.answer!.text);
  expect(card).toContain('godkendt af Admin Ahmed');
}, 60_000);
