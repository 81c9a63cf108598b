// Retention end to end: question text reaches the store with personal data masked,
// and `npm run purge` (run here through tsx on the same SQLite file) removes what is
// older than RETENTION_DAYS and keeps what is newer, expert questions included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PURGED } from '../../src/storage/expert-store';
import { openStore } from '../../src/storage/open-store';
import { ask, rateUp } from '../support/faults';
import { startTestBot } from '../support/test-bot';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

it('stores questions with CPR numbers, e-mail addresses and phone numbers masked', async () => {
  const t = await startTestBot();
  try {
    const question = 'Hvad er Sikker By? Min CPR er 010190-1234, mail jens@kk.dk, tlf 12 34 56 78';
    const asked = await ask(t, question);
    expect(await rateUp(t, asked.conversationId)).toBe(200);
    const [feedback] = await t.bot.store.listFeedback(1);
    expect(feedback?.question).toBe('Hvad er Sikker By? Min CPR er [CPR-nummer], mail [e-mail], tlf [telefonnummer]');
    await ask(t, 'xyzzy plugh 0101901234 quux');
    const unanswered = await t.bot.store.listUnanswered(10);
    expect(unanswered.map((u) => u.question)).toContain('xyzzy plugh [CPR-nummer] quux');
    expect(JSON.stringify(unanswered)).not.toContain('0101901234');
  } finally {
    await t.close();
  }
});

it('`npm run purge` removes question text older than RETENTION_DAYS and keeps newer', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-purge-'));
  const sqlite = path.join(dir, 'bot.sqlite');
  try {
    const store = await openStore({ kind: 'sqlite', path: sqlite });
    const day = 86_400_000;
    await store.recordUnanswered({ question: 'gammelt', lang: 'da', outcome: 'fallback', at: new Date(Date.now() - 40 * day) });
    await store.recordUnanswered({ question: 'nyt', lang: 'da', outcome: 'fallback', at: new Date(Date.now() - 10 * day) });
    await store.recordFeedback({ answerId: 'a', rating: 'down', question: 'gammel', answerTitle: 'Titel', at: new Date(Date.now() - 40 * day) });
    // An expert question answered and delivered 40 days ago, and one still open from then.
    const conversation = { conversationId: 'a:asker', serviceUrl: 'http://127.0.0.1:9/', reference: { user: { id: '29:asker' } } };
    const asker = { id: 'aad-asker', name: 'Mette Holm' };
    const old = await store.addExpertQuestion({ question: 'gammelt ekspertspørgsmål', lang: 'da', asker, conversation, askedAt: new Date(Date.now() - 40 * day) });
    await store.answerExpertQuestion(old.id, { text: 'Svar', by: { id: 'aad-expert', name: 'Anna Dahl' }, at: new Date(Date.now() - 39 * day) });
    await store.recordExpertDelivery(old.id, { at: new Date(Date.now() - 39 * day) });
    const open = await store.addExpertQuestion({ question: 'åbent ekspertspørgsmål', lang: 'da', asker, conversation, askedAt: new Date(Date.now() - 40 * day) });
    await store.close();
    const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'src', 'reliability', 'purge-cli.ts')], {
      encoding: 'utf8',
      env: { ...process.env, SQLITE_PATH: sqlite, RETENTION_DAYS: '30' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('unanswered questions: 1');
    expect(run.stdout).toContain('feedback (rating and answer title kept): 1');
    expect(run.stdout).toContain('expert questions whose answer was delivered or could not be (asker and text removed): 1');
    expect(run.stdout).toContain('decided expert suggestions (question and answer removed): 0');
    const after = await openStore({ kind: 'sqlite', path: sqlite });
    expect((await after.listUnanswered(10)).map((u) => u.question)).toEqual(['nyt']);
    expect(await after.listFeedback(10)).toEqual([expect.objectContaining({ rating: 'down', question: '', answerTitle: 'Titel' })]);
    expect(await after.getExpertQuestion(old.id)).toMatchObject({ question: PURGED.text, asker: { name: PURGED.askerName }, status: 'delivered' });
    // The open question still waits for an expert: kept whole.
    expect(await after.getExpertQuestion(open.id)).toMatchObject({ question: 'åbent ekspertspørgsmål', asker });
    await after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
