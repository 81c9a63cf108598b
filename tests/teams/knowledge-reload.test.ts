// Editing the knowledge files while the bot runs: a bad edit leaves the bot
// answering from the last good knowledge, the admins are told what is wrong
// (file, line, path), and a good edit is taken without a restart.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { message, USER } from '../support/teams-activities';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';
import { startTestBot, type TestBot } from '../support/test-bot';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-reload-'));
const ADMIN_CHAT = 'a:admin-chat';
let t: TestBot;

beforeAll(async () => {
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  t = await startTestBot({ env: { KNOWLEDGE_DIR: dir, ADMIN_IDS: USER.aadObjectId } });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const edit = (file: string, from: string, to: string) => {
  const full = path.join(dir, file);
  writeFileSync(full, readFileSync(full, 'utf8').replace(from, to));
};

/** Asks in the admin's chat and returns the text of everything sent back to it for this question. */
async function ask(text: string): Promise<string> {
  const before = t.connector.to(ADMIN_CHAT).length;
  expect((await t.post(message(text, t.from('personal', { conversationId: ADMIN_CHAT })))).status).toBe(200);
  return JSON.stringify(t.connector.to(ADMIN_CHAT).slice(before).map((s) => s.activity));
}

it('keeps answering through a bad edit, tells the admin what is wrong, and takes the fix without a restart', async () => {
  expect(await ask('Hvor meget får Ny Start i 2024?')).toContain('6,8 mio. kr.');

  edit('initiatives.yaml', '"2024": 6.8', '"2024": "seks"');
  // The watcher reloads, fails, and the admin is told in their chat.
  const notice = await t.connector.waitFor((s) => s.conversationId === ADMIN_CHAT && /Genindlæsningen fejlede/.test(JSON.stringify(s.activity)), 10_000);
  expect(notice.activity.text).toMatch(/initiatives\.yaml:\d+ initiatives\[0\] \(ny-start\)\.amounts\.2024/);
  expect(await ask('Hvor meget får Ny Start i 2024?')).toContain('6,8 mio. kr.');
  expect(await ask('genindlæs')).toMatch(/Genindlæsningen fejlede.*initiatives\.yaml/);

  edit('initiatives.yaml', '"2024": "seks"', '"2024": 6.8');
  edit('organisations.yaml', 'Team i Økonomiforvaltningen, som koordinerer', 'Teamet i Økonomiforvaltningen, som koordinerer');
  const deadline = Date.now() + 10_000;
  let answer = '';
  while (Date.now() < deadline && !answer.includes('Teamet i Økonomiforvaltningen')) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    answer = await ask('Hvem koordinerer Sikker By?');
  }
  expect(answer).toContain('Teamet i Økonomiforvaltningen');
  expect(await ask('genindlæs')).toMatch(/Vidensbasen er uændret/);
}, 30_000);
