// Ask an expert through Microsoft 365 Agents Playground: its team channel is the
// experts' channel, its personal chat the asker's. The playground has one user
// who does everything (asks, claims, answers, approves), so the race between
// two experts is tested elsewhere (tests/experts/). Its client says en-US; the
// question is Danish, so what concerns the question (the reply, the answer card)
// is Danish, and what the admin is told is English.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';
import { buttonsOf, cardOf, startPlayground, type Playground, type PlaygroundMessage } from '../support/playground';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvordan booker jeg en tryghedsvandring?';
const ANSWER = 'Skriv til Team Sikker By med bydel og ønsket dato.';
// The playground's user's Entra object id is not a GUID, which ADMIN_IDS would refuse; configure() sets it as it is.
const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';

let dir: string;
let t: TestBot;
let p: Playground;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'experts-playground-'));
  cpSync(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
  t = await startTestBot({ env: { KNOWLEDGE_DIR: path.join(dir, 'knowledge') }, configure: (c) => ({ ...c, adminIds: [PLAYGROUND_USER] }) });
  p = await startPlayground({ endpoint: `${t.bot.url}/api/messages` });
}, 60_000);
afterAll(async () => {
  await p?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const textOf = (m: PlaygroundMessage) => JSON.stringify(cardOf(m) ?? m.text ?? '');
const created = (conversationId: string) => (m: PlaygroundMessage) => m.action === 'createMessage' && m.conversationId === conversationId;

it('goes from the fallback to the channel, back to the asker and into the knowledge base', async () => {
  const personal = p.conversationId('personal');
  const channel = p.conversationId('channel');
  await p.install('personal');
  await p.install('channel');

  let since = p.messages.length;
  await p.say('ekspertkanal', 'channel');
  expect((await p.waitFor((m) => created(channel)(m) && m.text !== undefined, { since })).text).toMatch(/^This channel is now the experts’ channel/);

  since = p.messages.length;
  await p.say(QUESTION);
  const fallback = await p.waitFor((m) => created(personal)(m) && cardOf(m) !== undefined, { since });
  const ask = buttonsOf(cardOf(fallback)).find((b) => (b.data as { action?: string }).action === 'expert.ask');
  expect(ask).toBeDefined();

  since = p.messages.length;
  await p.submit(ask?.data, fallback.messageId);
  const posted = await p.waitFor((m) => created(channel)(m) && cardOf(m) !== undefined, { since });
  expect(textOf(posted)).toContain(QUESTION);
  expect(textOf(posted)).toContain('Alex Wilber');
  expect((await p.waitFor((m) => created(personal)(m) && m.text !== undefined, { since })).text).toMatch(/^Dit spørgsmål \(nr\. 1\) er sendt til Team Sikker By sammen med dit navn/);

  const buttons = buttonsOf(cardOf(posted));
  expect(buttons.map((b) => [b.type, b.verb])).toEqual([
    ['Action.Execute', 'expert.claim'],
    ['Action.Execute', 'expert.answer'],
  ]);
  // The card starts a thread of its own in the channel; its buttons are pressed there.
  const thread = { conversationId: `${channel};messageid=${posted.threadId ?? posted.messageId}` };
  since = p.messages.length;
  const claimed = await p.execute('expert.claim', buttons[0]?.data, posted.messageId, thread);
  expect(JSON.stringify(claimed)).toContain('Taget af Alex Wilber');
  expect(textOf(await p.waitFor((m) => m.action === 'updateMessage' && m.messageId === posted.messageId, { since }))).toContain('Taget af Alex Wilber');

  since = p.messages.length;
  const answered = await p.execute('expert.answer', { ...(buttons[1]?.data as object), answer: ANSWER }, posted.messageId, thread);
  expect(JSON.stringify(answered)).toContain('Spørgeren har fået svaret.');
  const delivered = await p.waitFor((m) => created(personal)(m) && cardOf(m) !== undefined, { since });
  expect(textOf(delivered)).toContain(ANSWER);
  expect(buttonsOf(cardOf(delivered)).map((b) => b.title)).toEqual(['👍 Nyttigt', '👎 Ikke nyttigt']);

  since = p.messages.length;
  await p.say('godkend 1');
  expect((await p.waitFor((m) => created(personal)(m) && m.text !== undefined, { since })).text).toMatch(/^Suggestion 1 was approved/);

  since = p.messages.length;
  await p.say(QUESTION);
  const again = await p.waitFor((m) => created(personal)(m) && cardOf(m) !== undefined, { since });
  expect(textOf(again)).toContain(ANSWER);
  expect(textOf(again)).toContain('Svar fra Team Sikker By');
}, 60_000);
