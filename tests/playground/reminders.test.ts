// The README's try-it-yourself path for reminders, through Microsoft 365 Agents
// Playground: scripts/try-reminders.mjs prepares an owners file naming the
// playground's user and a knowledge copy; the bot (the real one, with its
// reminder loop and knowledge watcher) runs on those files; the user writes to
// it, `--near` brings the deadline to 7 days from today, the user receives the
// reminder card, presses Indberettet, and sees the card change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { buttonsOf, cardOf, startPlayground, type Playground, type PlaygroundMessage } from '../support/playground';
import { startTestBot, type TestBot } from '../support/test-bot';

const ROOT = path.join(__dirname, '..', '..');
const TITLE = 'Midtvejsstatus på fagprincipperne i Sikker By-strategien 2022-2025';

interface Prepared {
  readonly env: Record<string, string>;
  readonly user: { readonly name: string; readonly aadObjectId: string };
  readonly deadline: string;
}

let dir: string;
let prepared: Prepared;
let t: TestBot;
let p: Playground;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-try-reminders-'));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'try-reminders.mjs'), '--prepare-only', dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`try-reminders.mjs failed:\n${run.stderr}`);
  prepared = JSON.parse(run.stdout) as Prepared;
  const { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath, SQLITE_PATH: _ownDb, ...env } = prepared.env;
  // The bot's own temp database; the rest as the script would start it, but ticking every second.
  t = await startTestBot({ env: { ...env, REMINDER_TICK_SECONDS: '1' } });
  p = await startPlayground({ endpoint: `${t.bot.url}/api/messages`, config: parse(readFileSync(configPath!, 'utf8')) });
}, 60_000);
afterAll(async () => {
  await p?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const texts = (m: PlaygroundMessage) => JSON.stringify(cardOf(m) ?? {});

it("the playground's user gets the reminder card after writing to the bot, presses Indberettet, and the card says who reported", async () => {
  expect(p.ids.currentUser.aadObjectId).toBe(prepared.user.aadObjectId);
  const personal = p.conversationId('personal');
  const since = p.messages.length;
  await p.say('Hej');
  await p.waitFor((m) => m.action === 'createMessage' && m.conversationId === personal, { since });
  // Nothing is due yet: the shipped deadline is long past.
  expect(await t.bot.store.listReminders({ limit: 10 })).toEqual([]);
  const moved = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'try-reminders.mjs'), '--near', dir], { encoding: 'utf8' });
  expect(moved.status).toBe(0);
  const reminder = await p.waitFor((m) => m.action === 'createMessage' && m.conversationId === personal && texts(m).includes(TITLE) && texts(m).includes('Påmindelse om frist'), {
    since,
    timeoutMs: 20_000,
  }).catch(async (err: Error) => {
    throw new Error(`${err.message}\noutbox: ${JSON.stringify(await t.bot.store.listReminders({ limit: 10 }))}\nlog:\n${t.logs.join('\n')}`);
  });
  const card = texts(reminder);
  expect(card).toContain(`"title":"Ejer","value":"${prepared.user.name}"`);
  expect(card).toContain('Fristen er om 7 dage.');
  const reported = buttonsOf(cardOf(reminder)).find((b) => b.type === 'Action.Execute' && b.verb === 'reminder.reported');
  expect(reported?.title).toBe('Indberettet');

  const answer = (await p.execute(reported!.verb!, reported!.data, reminder.messageId)) as { value?: unknown } | undefined;
  // The invoke's answer is the card in its new state, which Teams (and the playground) shows in place of the old
  // one, in the presser's language (the playground's client says en-US).
  expect(answer?.value).toBeDefined();
  const updated = JSON.stringify(answer?.value);
  expect(updated).toContain(`Marked as reported by ${prepared.user.name} on `);
  expect(buttonsOf(answer?.value).filter((b) => b.type === 'Action.Execute')).toEqual([]);
  const acks = await t.bot.store.listAcknowledgements();
  expect(acks).toEqual([expect.objectContaining({ deadlineId: prepared.deadline, owner: prepared.user.aadObjectId, by: prepared.user.name })]);
}, 60_000);
